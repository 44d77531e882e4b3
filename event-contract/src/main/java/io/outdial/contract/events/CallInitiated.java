package io.outdial.contract.events;

import java.time.Instant;

/** A dialer is about to claim and place this call; emitted before the claim (claim-before-dial). */
public record CallInitiated(
        String callId,
        String campaignId,
        String campaignContactId,
        String contactId,
        int attempt,
        String fromNumber,
        String toNumber,
        String dialerId,
        Instant initiatedAt) implements CallEvent {
}
