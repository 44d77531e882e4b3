package io.outdial.campaign.domain.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * When a failed delivery is tried again: the n-th delay of the list after the n-th attempt (the last
 * one repeating), spread by up to {@code jitter} either way so that many failing deliveries do not
 * all come back at the same instant.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {

    public RetrySchedule {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        delays = List.copyOf(delays);
    }

    /**
     * The wait after attempt {@code attempt} (1 for the first) failed; {@code random} in [0, 1)
     * picks the jitter.
     */
    public Duration delayAfter(int attempt, double random) {
        Duration base = delays.get(Math.min(Math.max(attempt, 1), delays.size()) - 1);
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }
}
