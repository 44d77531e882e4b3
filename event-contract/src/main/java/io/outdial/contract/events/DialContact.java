package io.outdial.contract.events;

import java.time.Instant;

/** Command: call this contact now. Released by campaign-service's feeder, consumed by dialers. */
public record DialContact(
        String callId,
        String campaignId,
        String campaignContactId,
        String contactId,
        String toNumber,
        String fromNumber,
        String assistantId,
        int attempt,
        String callWindowStart,
        String callWindowEnd,
        String callWindowTimezone,
        int maxConcurrentCalls,
        int maxRetries,
        int retryDelayMinutes,
        Instant expiresAt) implements CampaignEvent {
}
