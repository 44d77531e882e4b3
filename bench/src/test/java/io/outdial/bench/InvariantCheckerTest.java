package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled;

/** The checker must see each kind of breach: a checker that cannot fail proves nothing. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InvariantCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

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
        InvariantChecker checker = check(2, 0, "13:00", "17:00", Map.of("totalContacts", 2, "contactsCalled", 2,
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
    void countersThatDisagreeWithTheRecordsBreakI5() {
        call("a", "m1", 0, 1, CallOutcome.ANSWERED);
        call("b", "m2", 1, 2, CallOutcome.NO_ANSWER);
        InvariantChecker checker = check(5, 0, "09:00", "17:00", Map.of("totalContacts", 2, "contactsCalled", 2,
                "contactsCompleted", 2, "contactsAnswered", 2), Map.of("completed", 1, "failed", 1));
        assertEquals(1, checker.verdicts().get("I5").violations, checker.report());
        assertTrue(checker.report().contains("contactsAnswered is 2, recount 1"), checker.report());
    }
}
