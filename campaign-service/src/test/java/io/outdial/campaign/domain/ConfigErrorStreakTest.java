package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallOutcome;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConfigErrorStreakTest {

    private static final CallOutcome CONFIG = CallOutcome.CONFIG_ERROR;

    @Test
    void configErrorsAddToTheStreak() {
        var change = ConfigErrorStreak.of(List.of(CONFIG, CONFIG));
        assertEquals(new ConfigErrorStreak.Change(false, 2), change);
        assertEquals(9, change.applyTo(7));
    }

    @Test
    void anyOtherAttemptRestartsItFromTheConfigErrorsAfterIt() {
        var change = ConfigErrorStreak.of(List.of(CONFIG, CallOutcome.BUSY, CONFIG));
        assertEquals(new ConfigErrorStreak.Change(true, 1), change);
        assertEquals(1, change.applyTo(8));
        assertEquals(0, ConfigErrorStreak.of(List.of(CONFIG, CallOutcome.ANSWERED)).applyTo(9));
    }

    @Test
    void callsNeverDialedDoNotCount() {
        assertTrue(ConfigErrorStreak.of(List.of(CallOutcome.NOT_DIALED)).changesNothing());
        assertTrue(ConfigErrorStreak.of(List.of()).changesNothing());
        assertEquals(new ConfigErrorStreak.Change(false, 1), ConfigErrorStreak.of(List.of(CallOutcome.NOT_DIALED, CONFIG)));
    }

    @Test
    void tenInARowPause() {
        assertFalse(ConfigErrorStreak.pauses(9));
        assertTrue(ConfigErrorStreak.pauses(10));
    }
}
