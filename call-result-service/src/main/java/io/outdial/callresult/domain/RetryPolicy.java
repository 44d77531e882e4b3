package io.outdial.callresult.domain;

import java.time.Duration;
import java.time.Instant;

import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.ContactSettled.Settlement;

/**
 * A contact's fate after one call: answered → done; no answer, busy, voicemail or error with
 * attempts left → retry at {@code endedAt + retryDelay}; otherwise done (exhausted); a call that
 * was never dialed → released (no attempt). A contact gets at most {@code 1 + maxRetries} attempts.
 */
public final class RetryPolicy {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private RetryPolicy() {
    }

    public record Decision(Settlement settlement, String finalStatus, Instant nextAttemptAt) {
    }

    public static Decision decide(CallOutcome outcome, int attempt, int maxRetries, int retryDelayMinutes, Instant endedAt) {
        if (!outcome.isAttempt()) {
            return new Decision(Settlement.RELEASED, null, null);
        }
        if (outcome == CallOutcome.ANSWERED) {
            return new Decision(Settlement.DONE, COMPLETED, null);
        }
        boolean retryable = outcome == CallOutcome.NO_ANSWER || outcome == CallOutcome.BUSY
                || outcome == CallOutcome.VOICEMAIL || outcome == CallOutcome.ERROR;
        if (retryable && attempt < 1 + maxRetries) {
            return new Decision(Settlement.RETRY, null, endedAt.plus(Duration.ofMinutes(retryDelayMinutes)));
        }
        return new Decision(Settlement.DONE, FAILED, null);
    }
}
