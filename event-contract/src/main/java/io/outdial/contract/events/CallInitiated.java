package io.outdial.contract.events;

import java.time.Instant;

/**
 * A dialer is about to claim and place this call; emitted before the claim (claim-before-dial).
 * Carries the retry rules in force when the call was released, for the call's settlement.
 */
public record CallInitiated(
        String callId,
        String campaignId,
        String campaignContactId,
        String contactId,
        int attempt,
        String fromNumber,
        String toNumber,
        String dialerId,
        int maxRetries,
        int retryDelayMinutes,
        Instant initiatedAt) implements CallEvent {
}
