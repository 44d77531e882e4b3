package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The token bucket behind the per-key rate limit: time is passed in, so nothing here sleeps. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 123_456_789L;

    @Test
    void aFullBucketLetsABurstThroughThenRefuses() {
        TokenBucket bucket = new TokenBucket(1, 3, START);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake(START).allowed(), "request " + i + " of the burst");
        }
        TokenBucket.Decision refused = bucket.tryTake(START);
        assertFalse(refused.allowed());
        assertEquals(SECOND, refused.retryAfterNanos(), 1, "a token is back one second later");
        assertEquals(1, refused.retryAfterSeconds());
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 2, START);
        bucket.tryTake(START);
        bucket.tryTake(START);
        assertFalse(bucket.tryTake(START + SECOND / 2 - 1).allowed(), "a token takes half a second at 2/s");
        assertTrue(bucket.tryTake(START + SECOND / 2).allowed());
        // An hour idle fills the bucket to its burst, not to 7200 tokens.
        long later = START + 3600 * SECOND;
        assertTrue(bucket.tryTake(later).allowed());
        assertTrue(bucket.tryTake(later).allowed());
        assertFalse(bucket.tryTake(later).allowed());
    }

    @Test
    void retryAfterIsTheWaitForOneTokenRoundedUpToWholeSeconds() {
        TokenBucket slow = new TokenBucket(0.25, 1, START);
        slow.tryTake(START);
        TokenBucket.Decision refused = slow.tryTake(START + SECOND);
        assertEquals(3 * SECOND, refused.retryAfterNanos(), 1, "a quarter token is back after 1 s at 0.25/s");
        assertEquals(3, refused.retryAfterSeconds());

        TokenBucket fast = new TokenBucket(1000, 1, START);
        fast.tryTake(START);
        TokenBucket.Decision soon = fast.tryTake(START);
        assertFalse(soon.allowed());
        assertEquals(1, soon.retryAfterSeconds(), "Retry-After is at least 1 even when a token is a millisecond away");
    }

    @Test
    void aReadingFromBeforeTheLastOneRefillsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, START);
        assertTrue(bucket.tryTake(START).allowed());
        assertFalse(bucket.tryTake(START - 10 * SECOND).allowed());
        assertFalse(bucket.tryTake(START + SECOND - 1).allowed(), "the earlier reading did not move the clock back");
        assertTrue(bucket.tryTake(START + SECOND).allowed());
    }

    @Test
    void readingsThatWrapAroundStillRefill() {
        long beforeWrap = Long.MAX_VALUE - SECOND / 2;
        TokenBucket bucket = new TokenBucket(1, 1, beforeWrap);
        assertTrue(bucket.tryTake(beforeWrap).allowed());
        assertTrue(bucket.tryTake(beforeWrap + SECOND).allowed(), "nanoTime may wrap; only differences matter");
    }

    @Test
    void refusesARateOrBurstThatCouldNeverAdmitAnything() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, START));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, START));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, START));
    }

    /** In any stretch of a run, no more requests get through than the burst plus what the rate refills in it. */
    @Property(tries = 200)
    void neverAdmitsMoreThanBurstPlusRateTimesElapsed(@ForAll @DoubleRange(min = 0.1, max = 500) double perSecond,
            @ForAll @IntRange(min = 1, max = 50) int burst, @ForAll("gaps") List<Long> gaps) {
        TokenBucket bucket = new TokenBucket(perSecond, burst, START);
        List<Long> admitted = new ArrayList<>();
        long now = START;
        for (long gap : gaps) {
            now += gap;
            if (bucket.tryTake(now).allowed()) {
                admitted.add(now);
            }
        }
        for (int from = 0; from < admitted.size(); from++) {
            for (int to = from; to < admitted.size(); to++) {
                double allowance = burst + perSecond * (admitted.get(to) - admitted.get(from)) / (double) SECOND;
                int count = to - from + 1;
                assertTrue(count <= Math.floor(allowance + 1e-6),
                        count + " admitted within " + (admitted.get(to) - admitted.get(from)) + " ns, allowance " + allowance);
            }
        }
    }

    /** A refused request retried after its retryAfterNanos, with nothing taken meanwhile, gets through. */
    @Property(tries = 200)
    void aRequestRetriedAfterItsWaitGetsThrough(@ForAll @DoubleRange(min = 0.01, max = 1000) double perSecond,
            @ForAll @IntRange(min = 1, max = 20) int burst, @ForAll("gaps") List<Long> gaps) {
        TokenBucket bucket = new TokenBucket(perSecond, burst, START);
        long now = START;
        for (long gap : gaps) {
            now += gap;
            TokenBucket.Decision decision = bucket.tryTake(now);
            if (!decision.allowed()) {
                assertTrue(decision.retryAfterNanos() > 0);
                now += decision.retryAfterNanos();
                assertTrue(bucket.tryTake(now).allowed(), "refused again after waiting " + decision.retryAfterNanos() + " ns");
            }
        }
    }

    @Provide
    Arbitrary<List<Long>> gaps() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, SECOND / 10)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(SECOND / 10, 5 * SECOND)))
                .list().ofMaxSize(120);
    }
}
