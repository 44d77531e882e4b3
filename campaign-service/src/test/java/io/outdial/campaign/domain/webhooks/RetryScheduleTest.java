package io.outdial.campaign.domain.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1)), 0.2);

    @Test
    void followsTheListThenRepeatsItsLastDelay() {
        assertEquals(Duration.ofSeconds(5), schedule.delayAfter(1, 0.5));
        assertEquals(Duration.ofSeconds(30), schedule.delayAfter(2, 0.5));
        assertEquals(Duration.ofHours(1), schedule.delayAfter(6, 0.5));
        assertEquals(Duration.ofHours(1), schedule.delayAfter(40, 0.5));
    }

    @Test
    void jitterStaysWithinItsFraction() {
        assertEquals(Duration.ofSeconds(4), schedule.delayAfter(1, 0.0));
        for (double r = 0; r < 1; r += 0.01) {
            Duration d = schedule.delayAfter(2, r);
            assertTrue(d.compareTo(Duration.ofSeconds(24)) >= 0 && d.compareTo(Duration.ofSeconds(36)) <= 0, d.toString());
        }
    }

    @Test
    void theDefaultScheduleRetriesForMoreThanADay() {
        Duration total = Duration.ZERO;
        int attempts = 0;
        while (total.compareTo(Duration.ofHours(24)) < 0) {
            total = total.plus(schedule.delayAfter(++attempts, 0.0));
        }
        assertTrue(attempts > 20 && attempts < 40, "attempts in a day: " + attempts);
    }
}
