package io.outdial.contract.events;

import java.time.Instant;
import java.util.Map;

/**
 * A dialer is about to claim and place this call; emitted before the claim (claim-before-dial).
 * Carries the retry rules in force when the call was released, for the call's settlement
 * ({@code retryRules} since contract 1.1; null from older producers).
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
        Instant initiatedAt,
        Map<String, RetryRule> retryRules) implements CallEvent {
}
