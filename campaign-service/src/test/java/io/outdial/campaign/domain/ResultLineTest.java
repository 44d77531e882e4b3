package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.outdial.campaign.domain.ResultLine.Member;

class ResultLineTest {

    private static final UUID CONTACT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant LAST = Instant.parse("2026-07-01T16:30:45.678Z");

    private static Member member(String status, String outcome, String skipReason, String timezone) {
        return new Member(CONTACT, "Ada", null, "+12025550101", timezone, status, outcome, skipReason, 2, LAST);
    }

    @Test
    void theResultIsTheOutcomeOnceFinalTheSkipReasonWhenSkippedElseTheStatus() {
        assertEquals("answered", ResultLine.result(member("completed", "answered", null, null)));
        assertEquals("busy", ResultLine.result(member("failed", "busy", null, null)));
        assertEquals("dnc_list", ResultLine.result(member("skipped", "dnc_list", "dnc_list", null)));
        // A retry keeps the last outcome, but the contact is not done: its status tells.
        assertEquals("pending", ResultLine.result(member("pending", "no_answer", null, null)));
        assertEquals("calling", ResultLine.result(member("calling", null, null, null)));
        assertEquals("cancelled", ResultLine.result(member("cancelled", "no_answer", null, null)));
    }

    @Test
    void theLastCallIsShownAtTheCalleesClockToTheSecond() {
        ResultLine line = ResultLine.of(member("completed", "answered", null, null), ZoneId.of("America/Los_Angeles"), 61.5);
        assertEquals("2026-07-01T09:30:45-07:00", line.lastCallAtCallee());
        assertEquals(62, line.talkSeconds());
        assertEquals("Ada", line.name());
        assertEquals("2026-07-01T16:30:45Z", ResultLine.of(member("pending", null, null, null), null, 0).lastCallAtCallee());
        assertNull(ResultLine.of(new Member(CONTACT, null, null, "+1", null, "pending", null, null, 0, null), null, 0)
                .lastCallAtCallee());
    }

    @Test
    void theCalleesZoneIsTheContactsElseTheNumbersOnlyOne() {
        assertEquals(ZoneId.of("Europe/Berlin"), ResultLine.calleeZone("+12025550101", "Europe/Berlin"));
        assertEquals(ZoneId.of("America/New_York"), ResultLine.calleeZone("+12025550101", null));
        // A number whose range spans zones (a US toll-free number), or none: no zone, the time is shown in UTC.
        assertNull(ResultLine.calleeZone("+18005550100", null));
        assertNull(ResultLine.calleeZone("not a number", null));
    }

    @Test
    void cellsFollowTheHeader() {
        ResultLine line = ResultLine.of(new Member(CONTACT, "Ada", "Lovelace", "+12025550101", null, "completed",
                "answered", null, 1, null), null, 0);
        assertEquals(ResultLine.HEADER.size(), line.cells().size());
        assertEquals(List.of(CONTACT.toString(), "Ada Lovelace", "+12025550101", "completed", "answered", "1"),
                line.cells().subList(0, 6));
    }
}
