package io.outdial.contract.events;

import java.time.Instant;

/** No attempt was made for this dial command: {@code reason} says why (expired, window_closed, campaign_paused...). */
public record CallSkipped(
        String callId,
        String campaignId,
        String campaignContactId,
        String contactId,
        int attempt,
        String reason,
        Instant skippedAt) implements CallEvent {
}
