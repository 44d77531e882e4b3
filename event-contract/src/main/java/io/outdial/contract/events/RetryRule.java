package io.outdial.contract.events;

/**
 * How a campaign retries one outcome: after {@code delayMinutes}, while the contact has had fewer
 * than {@code maxAttempts} attempts. A null field falls back to the campaign's
 * {@code retryDelayMinutes} and its overall cap of {@code 1 + maxRetries}, which always applies.
 */
public record RetryRule(Integer delayMinutes, Integer maxAttempts) {
}
