package io.outdial.callresult.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.contract.events.RetryRule;

/**
 * A contact's fate after one call: answered → done; a retryable outcome (voicemail, no answer,
 * busy, abandoned, carrier error, error) with attempts left → retry at {@code endedAt + delay};
 * otherwise (declined, invalid number, config error, or exhausted) done; a call that was never
 * dialed → released (no attempt). A contact gets at most {@code 1 + maxRetries} attempts; a
 * campaign's rule for the outcome may stop retries earlier ({@code maxAttempts}) and set their
 * delay ({@code delayMinutes}, else {@code retryDelayMinutes}).
 */
public final class RetryPolicy {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private RetryPolicy() {
    }

    public record Decision(Settlement settlement, String finalStatus, Instant nextAttemptAt) {
    }

    public static Decision decide(CallOutcome outcome, int attempt, int maxRetries, int retryDelayMinutes, Instant endedAt) {
        return decide(outcome, attempt, maxRetries, retryDelayMinutes, Map.of(), endedAt);
    }

    public static Decision decide(CallOutcome outcome, int attempt, int maxRetries, int retryDelayMinutes,
            Map<String, RetryRule> rules, Instant endedAt) {
        if (!outcome.isAttempt()) {
            return new Decision(Settlement.RELEASED, null, null);
        }
        if (outcome == CallOutcome.ANSWERED) {
            return new Decision(Settlement.DONE, COMPLETED, null);
        }
        RetryRule rule = rules.get(outcome.wireName());
        int maxAttempts = 1 + maxRetries;
        if (rule != null && rule.maxAttempts() != null) {
            maxAttempts = Math.min(maxAttempts, rule.maxAttempts());
        }
        if (outcome.isRetryable() && attempt < maxAttempts) {
            int delay = rule != null && rule.delayMinutes() != null ? rule.delayMinutes() : retryDelayMinutes;
            return new Decision(Settlement.RETRY, null, endedAt.plus(Duration.ofMinutes(delay)));
        }
        return new Decision(Settlement.DONE, FAILED, null);
    }
}
