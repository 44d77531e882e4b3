package io.outdial.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CallWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void dayWindowIsOpenFromStartInclusiveToEndExclusive() {
        CallWindow w = CallWindow.of("09:00", "17:00", "America/New_York");
        assertFalse(w.isOpenAt(at("2026-03-02T08:59:59", NEW_YORK)));
        assertTrue(w.isOpenAt(at("2026-03-02T09:00:00", NEW_YORK)));
        assertTrue(w.isOpenAt(at("2026-03-02T16:59:59", NEW_YORK)));
        assertFalse(w.isOpenAt(at("2026-03-02T17:00:00", NEW_YORK)));
    }

    @Test
    void windowCrossingMidnightIsOpenOnBothSides() {
        CallWindow w = CallWindow.of("22:00", "02:00", "Europe/Berlin");
        assertTrue(w.crossesMidnight());
        assertTrue(w.isOpenAt(at("2026-06-01T23:30:00", BERLIN)));
        assertTrue(w.isOpenAt(at("2026-06-02T01:59:00", BERLIN)));
        assertFalse(w.isOpenAt(at("2026-06-02T02:00:00", BERLIN)));
        assertFalse(w.isOpenAt(at("2026-06-02T12:00:00", BERLIN)));
        assertEquals(at("2026-06-02T22:00:00", BERLIN), w.nextOpening(at("2026-06-02T03:00:00", BERLIN)));
    }

    @Test
    void nextOpeningAfterCloseIsTomorrowsStart() {
        CallWindow w = CallWindow.of("09:00", "17:00", "America/New_York");
        assertEquals(at("2026-03-03T09:00:00", NEW_YORK), w.nextOpening(at("2026-03-02T18:00:00", NEW_YORK)));
        assertEquals(at("2026-03-02T09:00:00", NEW_YORK), w.nextOpening(at("2026-03-02T07:00:00", NEW_YORK)));
        Instant open = at("2026-03-02T10:00:00", NEW_YORK);
        assertEquals(open, w.nextOpening(open));
    }

    @Test
    void springForwardInNewYorkKeepsLocalHours() {
        // 2026-03-08: clocks go from 02:00 to 03:00 in New York.
        CallWindow w = CallWindow.of("09:00", "17:00", "America/New_York");
        Instant opening = w.nextOpening(at("2026-03-07T18:00:00", NEW_YORK));
        assertEquals(at("2026-03-08T09:00:00", NEW_YORK), opening);
        assertEquals(Instant.parse("2026-03-08T13:00:00Z"), opening, "EDT is UTC-4 after the change");
        assertTrue(w.isOpenAt(Instant.parse("2026-03-08T20:59:00Z")));
        assertFalse(w.isOpenAt(Instant.parse("2026-03-08T21:00:00Z")));
    }

    @Test
    void windowStartingInsideTheSpringForwardGapOpensAtTheFirstValidInstant() {
        CallWindow w = CallWindow.of("02:30", "04:00", "America/New_York");
        Instant opening = w.nextOpening(at("2026-03-07T12:00:00", NEW_YORK));
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), opening,
                "02:30 does not exist: the window opens when the clocks jump to 03:00 EDT, the first local time after its start");
        assertTrue(w.isOpenAt(opening));
    }

    @Test
    void fallBackInBerlinKeepsLocalHours() {
        // 2026-10-25: clocks go from 03:00 back to 02:00 in Berlin.
        CallWindow w = CallWindow.of("09:00", "17:00", "Europe/Berlin");
        assertEquals(Instant.parse("2026-10-25T08:00:00Z"), w.nextOpening(at("2026-10-24T20:00:00", BERLIN)),
                "CET is UTC+1 after the change");
        assertTrue(w.isOpenAt(Instant.parse("2026-10-25T15:59:00Z")));
        assertFalse(w.isOpenAt(Instant.parse("2026-10-25T16:00:00Z")));
    }

    @Test
    void fallBackNightWindowCoversTheRepeatedHourOnce() {
        CallWindow w = CallWindow.of("22:00", "02:30", "Europe/Berlin");
        // 02:15 happens twice on 2026-10-25 (CEST then CET): both are inside the window.
        assertTrue(w.isOpenAt(Instant.parse("2026-10-25T00:15:00Z")));
        assertTrue(w.isOpenAt(Instant.parse("2026-10-25T01:15:00Z")));
        assertFalse(w.isOpenAt(Instant.parse("2026-10-25T01:31:00Z")));
    }

    @Test
    void rejectsBadWindowsNamingTheField() {
        assertEquals("callWindowStart", assertThrows(CallWindow.InvalidWindowException.class,
                () -> CallWindow.of("25:00", "17:00", "America/New_York")).field());
        assertEquals("callWindowEnd", assertThrows(CallWindow.InvalidWindowException.class,
                () -> CallWindow.of("09:00", "9:5", "America/New_York")).field());
        assertEquals("callWindowEnd", assertThrows(CallWindow.InvalidWindowException.class,
                () -> CallWindow.of("09:00", "09:00", "America/New_York")).field());
        assertEquals("callWindowTimezone", assertThrows(CallWindow.InvalidWindowException.class,
                () -> CallWindow.of("09:00", "17:00", "Mars/Olympus")).field());
        assertEquals("callWindowTimezone", assertThrows(CallWindow.InvalidWindowException.class,
                () -> CallWindow.of("09:00", "17:00", "+02:00")).field());
    }
}
