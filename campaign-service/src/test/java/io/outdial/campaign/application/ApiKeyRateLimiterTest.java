package io.outdial.campaign.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One bucket per key, on a clock the test moves. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ApiKeyRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(42);

    @Test
    void eachKeyHasItsOwnBucket() {
        ApiKeyRateLimiter limiter = new ApiKeyRateLimiter(true, 1, 2, nanos::get);
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        assertTrue(limiter.tryTake(busy).allowed());
        assertTrue(limiter.tryTake(busy).allowed());
        assertFalse(limiter.tryTake(busy).allowed());
        assertTrue(limiter.tryTake(quiet).allowed(), "another key is not held back by the busy one");
        nanos.addAndGet(1_000_000_000L);
        assertTrue(limiter.tryTake(busy).allowed());
        assertFalse(limiter.tryTake(busy).allowed());
        assertEquals(1, limiter.tryTake(busy).retryAfterSeconds());
    }

    @Test
    void switchedOffItAdmitsEverything() {
        ApiKeyRateLimiter limiter = new ApiKeyRateLimiter(false, 1, 1, nanos::get);
        UUID key = UUID.randomUUID();
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.tryTake(key).allowed());
        }
    }
}
