package io.outdial.contract.events;

import java.time.Instant;
import java.util.Map;

/**
 * Command: call this contact now. Released by campaign-service's feeder, consumed by dialers.
 * Keyed by the campaign contact, not the campaign: one campaign's commands spread over every
 * partition, and so over every dialer; the claim at campaign-service keeps the campaign's cap.
 * {@code ringTimeoutSeconds}, {@code maxCallDurationSeconds} and {@code retryRules} were added in
 * contract 1.1: commands from older producers lack them (null), and the API defaults apply.
 * {@code variables} (contract 1.2) is what the assistant gets to know of the contact: the campaign's
 * variables overridden by the contact's own values on the same key; absent from older producers.
 */
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
        Instant expiresAt,
        Integer ringTimeoutSeconds,
        Integer maxCallDurationSeconds,
        Map<String, RetryRule> retryRules,
        Map<String, String> variables) implements CampaignEvent {

    /** The API's defaults, for commands that carry no value. */
    public static final int DEFAULT_RING_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_CALL_DURATION_SECONDS = 1800;

    public int ringTimeoutOrDefault() {
        return ringTimeoutSeconds == null ? DEFAULT_RING_TIMEOUT_SECONDS : ringTimeoutSeconds;
    }

    public int maxCallDurationOrDefault() {
        return maxCallDurationSeconds == null ? DEFAULT_MAX_CALL_DURATION_SECONDS : maxCallDurationSeconds;
    }

    public Map<String, RetryRule> retryRulesOrNone() {
        return retryRules == null ? Map.of() : retryRules;
    }

    /** A contact's commands stay in order on one partition; a campaign's spread over all of them. */
    @Override
    public String partitionKey() {
        return campaignContactId;
    }

    public Map<String, String> variablesOrNone() {
        return variables == null ? Map.of() : variables;
    }
}
