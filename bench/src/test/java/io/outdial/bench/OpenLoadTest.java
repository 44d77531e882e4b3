package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load's schedule and bookkeeping; no timing is asserted (the bench prints speed figures). */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenLoadTest {

    @Test
    void requestsFallDueAtFixedIntervalsAndOnlyThoseAfterTheWarmupAreMeasured() {
        OpenLoad.Schedule schedule = new OpenLoad.Schedule(500, Duration.ofSeconds(5), Duration.ofSeconds(20));
        assertEquals(12_500, schedule.total());
        assertEquals(0, schedule.dueNanos(0));
        assertEquals(2_000_000, schedule.dueNanos(1));
        assertEquals(4_998_000_000L, schedule.dueNanos(2499));
        assertFalse(schedule.isMeasured(2499));
        assertTrue(schedule.isMeasured(2500));
        long measured = 0;
        long secondKind = 0;
        for (long i = 0; i < schedule.total(); i++) {
            if (schedule.isMeasured(i)) {
                measured++;
                secondKind += schedule.kindOf(i, 2);
            }
        }
        assertEquals(10_000, measured);
        assertEquals(5_000, secondKind, "half of the measured requests are of each kind");
    }

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram micros = new Histogram(3);
        for (long ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000);
        }
        OpenLoad.Summary s = OpenLoad.Summary.of(micros);
        assertEquals(1000, s.count());
        assertEquals(500, s.p50Ms(), 500 * 0.001);
        assertEquals(990, s.p99Ms(), 990 * 0.001);
        assertEquals(999, s.p999Ms(), 999 * 0.001);
        assertEquals(1000, s.maxMs(), 1000 * 0.001);
        assertTrue(Double.isNaN(OpenLoad.Summary.of(new Histogram(3)).p99Ms()), "no answers, no percentile");
    }

    @Test
    void requestsDueWhileTheBoundIsReachedAreDroppedNotQueued() throws Exception {
        // 100 requests, no warm-up, none ever answered: the first 4 go out, the other 96 are dropped.
        OpenLoad.Schedule schedule = new OpenLoad.Schedule(10_000, Duration.ZERO, Duration.ofMillis(10));
        OpenLoad.Result result = OpenLoad.run(schedule, 2, i -> new CompletableFuture<>(), 4, Duration.ZERO);
        OpenLoad.Tally all = result.all();
        assertEquals(4, all.sent());
        assertEquals(96, all.dropped());
        assertEquals(4, all.unanswered());
        assertEquals(0, all.answered());
    }

    @Test
    void answersAreCountedByKindAnd429sApartFromOtherErrors() throws Exception {
        // Kind 0 always 200; kind 1 in turn 200, 429, 500 and a failure; 5 of 15 requests in the warm-up.
        OpenLoad.Schedule schedule = new OpenLoad.Schedule(1000, Duration.ofMillis(5), Duration.ofMillis(10));
        OpenLoad.Result result = OpenLoad.run(schedule, 2, i -> {
            if (i % 2 == 0) {
                return CompletableFuture.completedFuture(200);
            }
            return switch ((int) (i / 2 % 4)) {
                case 0 -> CompletableFuture.completedFuture(200);
                case 1 -> CompletableFuture.completedFuture(429);
                case 2 -> CompletableFuture.completedFuture(500);
                default -> CompletableFuture.failedFuture(new java.io.IOException("refused"));
            };
        }, 256, Duration.ofSeconds(10));
        OpenLoad.Tally list = result.kinds().get(0);
        OpenLoad.Tally one = result.kinds().get(1);
        // Measured: i = 5..14; kind 0 = 6, 8, 10, 12, 14; kind 1 = 5 (case 2), 7 (3), 9 (0), 11 (1), 13 (2).
        assertEquals(5, list.ok());
        assertEquals(5, list.latencies().getTotalCount());
        assertEquals(1, one.ok());
        assertEquals(1, one.rateLimited());
        assertEquals(3, one.errors());
        assertEquals(0, result.all().dropped());
        assertEquals(0, result.all().unanswered());
        assertEquals(6, result.all().latencies().getTotalCount(), "only 2xx answers are in the latencies");
    }
}
