package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.outdial.bench.InvariantChecker.CampaignState;
import io.outdial.bench.InvariantChecker.DncList;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.CampaignApi;

/** The checker must see each kind of breach: a checker that cannot fail proves nothing. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InvariantCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 10:00 in New York, where the calls' numbers are: inside the legal hours. */
    private static final Instant T0 = Instant.parse("2026-11-27T15:00:00Z");

    private final List<CallEvent> events = new ArrayList<>();
    private final List<ContactSettled> settlements = new ArrayList<>();

    /** A call of contact {@code member} from second {@code start} to {@code end} with an outcome, settled DONE. */
    private void call(String id, String member, double start, double end, CallOutcome outcome) {
        events.add(new CallInitiated(id, "camp", member, "contact-" + member, 1, "+14155550100", "+12125550100",
                "dialer-1", 0, 0, at(start), Map.of()));
        events.add(new CallRinging(id, "camp", at(start)));
        events.add(new CallEnded(id, "camp", member, "contact-" + member, 1, outcome, "done", at(end), 0, 0, null));
        settlements.add(new ContactSettled(id, "camp", member, "contact-" + member, 1, ContactSettled.Settlement.DONE,
                outcome == CallOutcome.ANSWERED ? "completed" : "failed", outcome, null, at(end)));
    }

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private InvariantChecker check(int cap, int maxRetries, String windowStart, String windowEnd, Map<String, Integer> counters,
            Map<String, Integer> statusCounts) {
        Map<String, Object> campaign = new java.util.HashMap<>(Map.of("id", "camp", "status", "completed", "maxConcurrentCalls", cap,
                "maxRetries", maxRetries, "callWindowStart", windowStart, "callWindowEnd", windowEnd, "callWindowTimezone", "Etc/UTC"));
        campaign.putAll(counters);
        JsonNode state = JSON.valueToTree(campaign);
        return InvariantChecker.evaluate(events, settlements,
                List.of(new InvariantChecker.CampaignState(state, JSON.valueToTree(statusCounts))));
    }

    private InvariantChecker checkTwoAnswered(int cap) {
        return check(cap, 0, "09:00", "17:00", Map.of("totalContacts", 2, "contactsCalled", 2, "contactsCompleted", 2,
                "contactsAnswered", 2), Map.of("pending", 0, "queued", 0, "calling", 0, "completed", 2, "failed", 0));
    }

    @Test
    void aCleanRunPasses() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        call("b", "m2", 1, 2, CallOutcome.ANSWERED);
        InvariantChecker checker = checkTwoAnswered(1);
        assertTrue(checker.passed(), checker.report());
    }

    @Test
    void overlappingCallsAboveTheCapBreakI1() {
        call("a", "m1", 0, 2, CallOutcome.ANSWERED);
        call("b", "m2", 1, 3, CallOutcome.ANSWERED);
        InvariantChecker checker = checkTwoAnswered(1);
        assertEquals(1, checker.verdicts().get("I1").violations, checker.report());
        assertTrue(checker.verdicts().get("I3").passed());
    }

    @Test
    void aCallOutsideTheWindowBreaksI2() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        call("b", "m2", 1, 2, CallOutcome.ANSWERED);
        InvariantChecker checker = check(2, 0, "16:00", "20:00", Map.of("totalContacts", 2, "contactsCalled", 2,
                "contactsCompleted", 2, "contactsAnswered", 2), Map.of("completed", 2));
        assertEquals(2, checker.verdicts().get("I2").violations, checker.report());
    }

    @Test
    void tooManyAttemptsOrOverlappingAttemptsBreakI3() {
        call("a", "m1", 0, 2, CallOutcome.NO_ANSWER);
        call("b", "m1", 1, 3, CallOutcome.ANSWERED);
        InvariantChecker checker = check(5, 0, "09:00", "17:00", Map.of("totalContacts", 1, "contactsCalled", 1,
                "contactsCompleted", 1, "contactsAnswered", 1), Map.of("completed", 1));
        assertEquals(2, checker.verdicts().get("I3").violations, "two attempts for maxRetries 0, and overlapping: " + checker.report());
    }

    @Test
    void aCallPlacedTwiceBreaksI3() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        events.add(new CallRinging("a", "camp", at(0.5)));
        InvariantChecker checker = check(5, 0, "09:00", "17:00", Map.of("totalContacts", 1, "contactsCalled", 1,
                "contactsCompleted", 1, "contactsAnswered", 1), Map.of("completed", 1));
        assertEquals(1, checker.verdicts().get("I3").violations, checker.report());
    }

    @Test
    void aCallNeverEndedOrAContactLeftBehindBreaksI4() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        events.add(new CallInitiated("b", "camp", "m2", "contact-m2", 1, "+14155550100", "+12125550101", "dialer-1", 0, 0, at(1), Map.of()));
        InvariantChecker checker = check(5, 0, "09:00", "17:00", Map.of("totalContacts", 3, "contactsCalled", 2,
                "contactsCompleted", 1, "contactsAnswered", 1), Map.of("pending", 1, "calling", 1, "completed", 1));
        assertEquals(2, checker.verdicts().get("I4").violations, checker.report());
    }

    @Test
    void aLostCallSettledByTheSweeperIsClosedThere() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        events.add(new CallInitiated("b", "camp", "m2", "contact-m2", 1, "+14155550100", "+12125550101", "dialer-1", 0, 0, at(1), Map.of()));
        settlements.add(new ContactSettled("b", "camp", "m2", "contact-m2", 1, ContactSettled.Settlement.DONE, "failed",
                CallOutcome.ERROR, null, at(30)));
        InvariantChecker checker = check(1, 0, "09:00", "17:00", Map.of("totalContacts", 2, "contactsCalled", 2,
                "contactsCompleted", 2, "contactsAnswered", 1), Map.of("completed", 1, "failed", 1));
        assertTrue(checker.passed(), checker.report());
    }

    /** A call whose dialer died: initiated at {@code start}, its lease ran out at {@code leaseEnd}, settled for a retry. */
    private void lostCall(String id, String member, double start, double leaseEnd) {
        events.add(new CallInitiated(id, "camp", member, "contact-" + member, 1, "+14155550100", "+12125550100", "dialer-1", 1, 0,
                at(start), Map.of()));
        events.add(new CallRinging(id, "camp", at(start)));
        events.add(new CallEnded(id, "camp", member, "contact-" + member, 1, CallOutcome.ERROR, CallEnded.LEASE_EXPIRED,
                at(leaseEnd), 0, 0, null));
        settlements.add(new ContactSettled(id, "camp", member, "contact-" + member, 1, ContactSettled.Settlement.RETRY, null,
                CallOutcome.ERROR, at(leaseEnd), at(leaseEnd + 0.2)));
    }

    private InvariantChecker checkOneContactRetried() {
        return check(1, 1, "09:00", "17:00", Map.of("totalContacts", 1, "contactsCalled", 1, "contactsCompleted", 1,
                "contactsAnswered", 1), Map.of("completed", 1));
    }

    @Test
    void aCallWhoseLeaseRanOutEndsThereAndItsContactMayBeDialedAgainAfter() {
        lostCall("a", "m1", 0, 30);
        call("b", "m1", 31, 32, CallOutcome.ANSWERED);
        InvariantChecker checker = checkOneContactRetried();
        assertTrue(checker.passed(), checker.report());
        assertEquals("1 calls given up when their lease ran out", checker.verdicts().get("I8").detail);
    }

    @Test
    void dialingAContactAgainBeforeItsCallsLeaseRanOutBreaksI8() {
        lostCall("a", "m1", 0, 30);
        call("b", "m1", 20, 21, CallOutcome.ANSWERED);
        InvariantChecker checker = checkOneContactRetried();
        assertEquals(1, checker.verdicts().get("I8").violations, checker.report());
    }

    @Test
    void aDialerKeepingACallPastItsLeaseBreaksI8ButAnEndWithinItDoesNot() {
        lostCall("a", "m1", 0, 30);
        events.add(new CallEnded("a", "camp", "m1", "contact-m1", 1, CallOutcome.ANSWERED, CallEnded.LEASE_LOST, at(29), 0, 0, null));
        call("b", "m1", 31, 32, CallOutcome.ANSWERED);
        // The command, redelivered to another dialer after the lease ran out, is refused as no longer current.
        events.add(new CallEnded("a", "camp", "m1", "contact-m1", 1, CallOutcome.NOT_DIALED, "not_current", at(40), 0, 0, null));
        InvariantChecker within = checkOneContactRetried();
        assertTrue(within.passed(), "its dialer hung up before the lease ran out, and its two endings are one attempt: "
                + within.report());

        events.clear();
        settlements.clear();
        lostCall("a", "m1", 0, 30);
        events.add(new CallEnded("a", "camp", "m1", "contact-m1", 1, CallOutcome.ANSWERED, "hangup", at(45), 0, 0, null));
        call("b", "m1", 46, 47, CallOutcome.ANSWERED);
        InvariantChecker kept = checkOneContactRetried();
        assertEquals(1, kept.verdicts().get("I8").violations, kept.report());
    }

    @Test
    void anInitiationFollowedByASkipIsNoAttempt() {
        // A dialer died after CallInitiated; the redelivered command was found expired and skipped.
        events.add(new CallInitiated("a", "camp", "m1", "contact-m1", 1, "+14155550100", "+12125550100", "dialer-1", 0, 0, at(0), Map.of()));
        events.add(new CallSkipped("a", "camp", "m1", "contact-m1", 1, "expired", at(80)));
        settlements.add(new ContactSettled("a", "camp", "m1", "contact-m1", 1, ContactSettled.Settlement.RELEASED, null, null,
                null, at(80)));
        call("b", "m1", 90, 91, CallOutcome.ANSWERED);
        InvariantChecker checker = check(1, 0, "09:00", "17:00", Map.of("totalContacts", 1, "contactsCalled", 1,
                "contactsCompleted", 1, "contactsAnswered", 1), Map.of("completed", 1));
        assertTrue(checker.passed(), checker.report());
    }

    @Test
    void aDuplicateCommandsSkipOrUnheldClaimEndsNothingOfTheCallHeldElsewhere() {
        // Call a is held and in progress; its redelivered command is skipped at a full dialer and refused
        // (unanswered) at another: the call still ends at 10 s, answered, and is one attempt.
        events.add(new CallInitiated("a", "camp", "m1", "contact-m1", 1, "+14155550100", "+12125550100", "dialer-1", 0, 0, at(0), Map.of()));
        events.add(new CallSkipped("a", "camp", "m1", "contact-m1", 1, "at_capacity", at(1)));
        settlements.add(new ContactSettled("a", "camp", "m1", "contact-m1", 1, ContactSettled.Settlement.RELEASED, null, null,
                null, at(1)));
        events.add(new CallEnded("a", "camp", "m1", "contact-m1", 1, CallOutcome.NOT_DIALED, CallEnded.CLAIM_FAILED, at(2), 0, 0, null));
        events.add(new CallEnded("a", "camp", "m1", "contact-m1", 1, CallOutcome.ANSWERED, "hangup", at(10), 0, 8, null));
        settlements.add(new ContactSettled("a", "camp", "m1", "contact-m1", 1, ContactSettled.Settlement.DONE, "completed",
                CallOutcome.ANSWERED, null, at(10)));
        Map<String, Integer> counters = Map.of("totalContacts", 1, "contactsCalled", 1, "contactsCompleted", 1, "contactsAnswered", 1);
        InvariantChecker checker = check(1, 0, "09:00", "17:00", counters, Map.of("completed", 1));
        assertTrue(checker.passed(), checker.report());

        // Had the skip freed the contact, its next call at 3 s would overlap the one still in progress.
        call("b", "m1", 3, 4, CallOutcome.ANSWERED);
        InvariantChecker breached = check(1, 1, "09:00", "17:00", counters, Map.of("completed", 1));
        assertEquals(1, breached.verdicts().get("I3").violations, breached.report());
    }

    @Test
    void countersThatDisagreeWithTheRecordsBreakI5() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        call("b", "m2", 1, 2, CallOutcome.NO_ANSWER);
        InvariantChecker checker = check(5, 0, "09:00", "17:00", Map.of("totalContacts", 2, "contactsCalled", 2,
                "contactsCompleted", 2, "contactsAnswered", 2), Map.of("completed", 1, "failed", 1));
        assertEquals(1, checker.verdicts().get("I5").violations, checker.report());
        assertTrue(checker.report().contains("contactsAnswered is 2, recount 1"), checker.report());
    }

    // I2 legal hours and I9, on numbers whose place libphonenumber knows: +1 212 New York, +1 305 Miami
    // (Florida), +1 907 Alaska (two zones: Anchorage, and Adak an hour behind). Dates in December: EST,
    // AKST.

    private final Map<String, JsonNode> contacts = new HashMap<>();

    /** A contact {@code member} of {@code campaign} called on {@code number} at {@code start}, answered a minute later. */
    private void callAt(String campaign, String id, String member, String number, String start) {
        Instant at = Instant.parse(start);
        events.add(new CallInitiated(id, campaign, member, "contact-" + member, 1, "+14155550100", number, "dialer-1", 0, 0,
                at, Map.of()));
        events.add(new CallEnded(id, campaign, member, "contact-" + member, 1, CallOutcome.ANSWERED, "hangup",
                at.plusSeconds(60), 0, 0, null));
        settlements.add(new ContactSettled(id, campaign, member, "contact-" + member, 1, ContactSettled.Settlement.DONE,
                "completed", CallOutcome.ANSWERED, null, at.plusSeconds(60)));
    }

    /** The contact as GET /api/crm/contacts/{id} returns it; timezone and state may be null (absent in older data). */
    private void contact(String member, String phone, String timezone, String state) {
        Map<String, Object> contact = new HashMap<>(Map.of("id", "contact-" + member, "phone", phone));
        contact.put("timezone", timezone);
        contact.put("state", state);
        contacts.put("contact-" + member, JSON.valueToTree(contact));
    }

    /** A running campaign open all day (UTC), under {@code profile} (null: the field is absent). */
    private static CampaignState campaign(String id, String profile, boolean optOut) {
        Map<String, Object> campaign = new HashMap<>(Map.of("id", id, "status", "running", "maxConcurrentCalls", 100,
                "maxRetries", 5, "callWindowStart", "00:00", "callWindowEnd", "23:59", "callWindowTimezone", "Etc/UTC",
                "complianceOptOut", optOut));
        if (profile != null) {
            campaign.put("complianceProfile", profile);
        }
        return new CampaignState(JSON.valueToTree(campaign), JSON.valueToTree(Map.of("calling", 0)));
    }

    private InvariantChecker checkCompliance(DncList dnc, CampaignState... campaigns) {
        return InvariantChecker.evaluate(events, settlements, List.of(campaigns), contacts, dnc);
    }

    private InvariantChecker checkCompliance(CampaignState... campaigns) {
        return checkCompliance(DncList.of(List.of()), campaigns);
    }

    @Test
    void aCallAt0730InNewYorkBreaksI2AndOneAt0800DoesNot() {
        callAt("camp", "early", "m1", "+12125550100", "2026-12-01T12:30:00Z");
        callAt("camp", "on-time", "m2", "+12125550101", "2026-12-01T13:00:00Z");
        InvariantChecker checker = checkCompliance(campaign("camp", null, false));
        InvariantChecker.Verdict i2 = checker.verdicts().get("I2");
        assertEquals(1, i2.violations, checker.report());
        assertTrue(i2.examples.get(0).contains("call early") && i2.examples.get(0).contains("07:30 America/New_York"),
                checker.report());
        assertEquals(4, i2.checked, "two window checks and two legal-hours checks: " + checker.report());
    }

    @Test
    void aContactsOwnTimezoneDecidesOverItsNumber() {
        callAt("camp", "a", "m1", "+12125550100", "2026-12-01T12:30:00Z"); // 07:30 in New York, 13:30 in Paris
        contact("m1", "+12125550100", "Europe/Paris", null);
        InvariantChecker checker = checkCompliance(campaign("camp", "us_tcpa", false));
        assertTrue(checker.passed(), checker.report());
    }

    @Test
    void aCallAt2030InMiamiBreaksFloridasHoursButNotNewYorks() {
        callAt("camp", "miami", "m1", "+13052345678", "2026-12-02T01:30:00Z");
        callAt("camp", "new-york", "m2", "+12125550100", "2026-12-02T01:30:00Z");
        InvariantChecker checker = checkCompliance(campaign("camp", "us_tcpa", false));
        InvariantChecker.Verdict i2 = checker.verdicts().get("I2");
        assertEquals(1, i2.violations, checker.report());
        assertTrue(i2.examples.get(0).contains("call miami") && i2.examples.get(0).contains("US-FL 08:00–20:00"), checker.report());
    }

    @Test
    void aContactsOwnStateDecidesOverItsAreaCode() {
        callAt("camp", "moved-to-florida", "m1", "+12125550100", "2026-12-02T01:30:00Z");
        contact("m1", "+12125550100", null, "FL");
        callAt("camp", "moved-to-new-york", "m2", "+13052345678", "2026-12-02T01:30:00Z");
        contact("m2", "+13052345678", null, "NY");
        InvariantChecker checker = checkCompliance(campaign("camp", "us_tcpa", false));
        assertEquals(1, checker.verdicts().get("I2").violations, checker.report());
        assertTrue(checker.report().contains("call moved-to-florida"), checker.report());
    }

    @Test
    void aNumberSpanningTwoZonesMustBeInsideTheHoursOfBoth() {
        // 08:30 in Anchorage is 07:30 in Adak; 09:00 in Anchorage is 08:00 in Adak.
        callAt("camp", "too-early-in-adak", "m1", "+19072345678", "2026-12-01T17:30:00Z");
        callAt("camp", "open-in-both", "m2", "+19072345679", "2026-12-01T18:00:00Z");
        InvariantChecker checker = checkCompliance(campaign("camp", null, false));
        InvariantChecker.Verdict i2 = checker.verdicts().get("I2");
        assertEquals(1, i2.violations, checker.report());
        assertTrue(i2.examples.get(0).contains("call too-early-in-adak") && i2.examples.get(0).contains("America/Adak"),
                checker.report());

        // The same call to a contact whose own timezone is Anchorage is legal.
        contact("m1", "+19072345678", "America/Anchorage", null);
        InvariantChecker withTimezone = checkCompliance(campaign("camp", null, false));
        assertTrue(withTimezone.passed(), withTimezone.report());
    }

    @Test
    void profileNoneAppliesNoLegalHoursOnlyWithTheOptOut() {
        callAt("camp", "early", "m1", "+12125550100", "2026-12-01T12:30:00Z");
        InvariantChecker optedOut = checkCompliance(campaign("camp", "none", true));
        assertTrue(optedOut.passed(), optedOut.report());
        InvariantChecker notOptedOut = checkCompliance(campaign("camp", "none", false));
        assertEquals(1, notOptedOut.verdicts().get("I2").violations, notOptedOut.report());
    }

    @Test
    void aCallToANumberWithNoKnownZoneBreaksI2UnderRules() {
        callAt("camp", "nowhere", "m1", "+1555", "2026-12-01T15:00:00Z");
        InvariantChecker checker = checkCompliance(campaign("camp", null, false));
        assertEquals(1, checker.verdicts().get("I2").violations, checker.report());
        assertTrue(checker.report().contains("timezone unknown"), checker.report());
    }

    private static JsonNode dncEntry(String number, String createdAt) {
        return JSON.valueToTree(Map.of("number", number, "source", "api", "createdAt", createdAt));
    }

    @Test
    void aCallAfterItsNumbersDoNotCallAddBreaksI9() {
        callAt("camp", "before-add", "m1", "+12125550100", "2026-12-01T15:00:00Z");
        callAt("camp", "after-add", "m2", "+12125550100", "2026-12-01T16:00:00Z");
        callAt("camp", "other-number", "m3", "+12125550101", "2026-12-01T16:00:00Z");
        InvariantChecker checker = checkCompliance(DncList.of(List.of(dncEntry("+12125550100", "2026-12-01T15:30:00.123456Z"))),
                campaign("camp", null, false));
        InvariantChecker.Verdict i9 = checker.verdicts().get("I9");
        assertEquals(1, i9.violations, checker.report());
        assertTrue(i9.examples.get(0).contains("call after-add"), checker.report());
        assertTrue(checker.verdicts().get("I2").passed(), checker.report());
    }

    @Test
    void aDoNotCallListTheApiDoesNotHaveIsReportedNotChecked() {
        callAt("camp", "a", "m1", "+12125550100", "2026-12-01T15:00:00Z");
        InvariantChecker checker = checkCompliance(DncList.notChecked("GET /api/crm/dnc answered 404"), campaign("camp", null, false));
        assertTrue(checker.passed(), checker.report());
        assertTrue(checker.report().contains("do-not-call not checked (GET /api/crm/dnc answered 404)"), checker.report());
    }

    @Test
    void aFourthFloridaAttemptWithin24hBreaksI9AcrossCampaigns() {
        // Three attempts at a Miami number in one campaign and a fourth in another, 23 h 59 min after the first.
        callAt("camp", "1", "m1", "+13052345678", "2026-12-01T14:00:00Z");
        callAt("camp", "2", "m1", "+13052345678", "2026-12-01T15:00:00Z");
        callAt("camp", "3", "m1", "+13052345678", "2026-12-01T16:00:00Z");
        callAt("camp2", "4", "n1", "+13052345678", "2026-12-02T13:59:00Z");
        InvariantChecker checker = checkCompliance(campaign("camp", null, false), campaign("camp2", "us_tcpa", false));
        InvariantChecker.Verdict i9 = checker.verdicts().get("I9");
        assertEquals(1, i9.violations, checker.report());
        assertTrue(i9.examples.get(0).contains("call 4") && i9.examples.get(0).contains("attempt 4 in 24 h, US-FL allows 3"),
                checker.report());
        assertTrue(checker.verdicts().get("I2").passed(), checker.report());
    }

    @Test
    void aFourthFloridaAttemptJustOutside24hIsWithinTheCap() {
        callAt("camp", "1", "m1", "+13052345678", "2026-12-01T14:00:00Z");
        callAt("camp", "2", "m1", "+13052345678", "2026-12-01T15:00:00Z");
        callAt("camp", "3", "m1", "+13052345678", "2026-12-01T16:00:00Z");
        callAt("camp2", "4", "n1", "+13052345678", "2026-12-02T14:01:00Z");
        // A call the claim refused (not_dialed) is no attempt and counts for nothing.
        events.add(new CallInitiated("refused", "camp2", "n1", "contact-n1", 2, "+14155550100", "+13052345678", "dialer-1", 0, 0,
                Instant.parse("2026-12-02T14:30:00Z"), Map.of()));
        events.add(new CallEnded("refused", "camp2", "n1", "contact-n1", 2, CallOutcome.NOT_DIALED, "frequency_cap",
                Instant.parse("2026-12-02T14:30:00Z"), 0, 0, null));
        InvariantChecker checker = checkCompliance(campaign("camp", null, false), campaign("camp2", "us_tcpa", false));
        assertTrue(checker.passed(), checker.report());
        assertEquals(4 + 4, checker.verdicts().get("I9").checked, "four DNC checks and four capped attempts: " + checker.report());
    }

    @Test
    void attemptsAtANewYorkNumberHaveNoJurisdictionCap() {
        for (int i = 0; i < 5; i++) {
            callAt("camp", "c" + i, "m1", "+12125550100", "2026-12-01T1" + (4 + i) + ":00:00Z");
        }
        InvariantChecker checker = checkCompliance(campaign("camp", null, false));
        assertTrue(checker.passed(), checker.report());
        assertFalse(checker.report().contains("allows"), checker.report());
    }

    @Test
    void theTeamsOwnCapBindsEvenWhereNoJurisdictionCapsAndUnderProfileNone() {
        callAt("camp", "c1", "m1", "+12125550100", "2026-12-01T14:00:00Z");
        callAt("camp", "c2", "m1", "+12125550100", "2026-12-01T15:00:00Z");
        callAt("opted-out", "c3", "n1", "+12125550100", "2026-12-01T16:00:00Z");
        InvariantChecker checker = InvariantChecker.evaluate(events, settlements,
                List.of(campaign("camp", null, false), campaign("opted-out", "none", true)), contacts, DncList.of(List.of()),
                CallingRules.bundled().withTeamCap(2));
        InvariantChecker.Verdict i9 = checker.verdicts().get("I9");
        assertEquals(1, i9.violations, checker.report());
        assertTrue(i9.examples.get(0).contains("call c3") && i9.examples.get(0).contains("the team's own cap allows 2"),
                checker.report());
    }

    /** A server answering GET /api/crm/contacts/{id} for ids c0..c{n-1}, counting reads, and the dnc list when {@code dnc} is given. */
    private static HttpServer api(int contacts, Map<String, AtomicInteger> reads, List<String> dnc) throws IOException {
        // Headers and body leave in two writes: without TCP_NODELAY each answer waits out a delayed ACK (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String body = null;
            if (path.startsWith("/api/crm/contacts/")) {
                String id = path.substring("/api/crm/contacts/".length());
                reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (Integer.parseInt(id.substring(1)) < contacts) {
                    body = JSON.writeValueAsString(Map.of("id", id, "phone", "+12125550100", "timezone", "America/New_York"));
                }
            } else if (path.equals("/api/crm/dnc") && dnc != null) {
                int offset = Integer.parseInt(query.replaceAll(".*offset=(\\d+).*", "$1"));
                List<Map<String, String>> page = dnc.subList(Math.min(offset, dnc.size()), Math.min(offset + 500, dnc.size())).stream()
                        .map(n -> Map.of("number", n, "source", "api", "createdAt", "2026-12-01T00:00:00Z")).toList();
                body = JSON.writeValueAsString(Map.of("numbers", page, "total", dnc.size(), "limit", 500, "offset", offset));
            }
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void readsEachContactOnceAndPagesTheDoNotCallList() throws Exception {
        Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        List<String> dnc = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            dnc.add("+1212555" + String.format("%04d", i));
        }
        var server = api(2000, reads, dnc);
        try {
            var campaignApi = new CampaignApi("http://127.0.0.1:" + server.getAddress().getPort(), "key", "acct");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 2001; i++) {
                ids.add("c" + i);
            }
            Map<String, JsonNode> contacts = InvariantChecker.readContacts(campaignApi, ids);
            assertEquals(2000, contacts.size(), "c2000 answers 404: left out");
            assertEquals("America/New_York", contacts.get("c1999").get("timezone").asText());
            assertTrue(reads.values().stream().allMatch(n -> n.get() == 1), "each contact read once");
            DncList list = InvariantChecker.readDnc(campaignApi);
            assertNull(list.notChecked());
            assertEquals(1234, list.numbers().size(), "three pages");
        } finally {
            stop(server);
        }
    }

    @Test
    void aServerWithoutTheDoNotCallEndpointLeavesItNotChecked() throws Exception {
        var server = api(0, new ConcurrentHashMap<>(), null);
        try {
            var campaignApi = new CampaignApi("http://127.0.0.1:" + server.getAddress().getPort(), "key", "acct");
            assertEquals("GET /api/crm/dnc answered 404", InvariantChecker.readDnc(campaignApi).notChecked());
        } finally {
            stop(server);
        }
    }
}
