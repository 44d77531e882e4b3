package io.outdial.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.outdial.contract.Topics;
import io.outdial.contract.events.RetryRule;
import io.outdial.testsupport.CallLedger;
import io.outdial.testsupport.EventTopics;
import io.restassured.specification.RequestSpecification;

/** The invariants of a finished campaign, from the call events on Kafka and the public API. */
final class SystemChecks {

    private SystemChecks() {
    }

    static CallLedger ledger(EventTopics topics, String campaign) {
        return new CallLedger(topics.readToEnd(Topics.CALL_EVENTS, Duration.ofSeconds(60)), campaign);
    }

    /** I1, I3, I4 and I5 for a completed campaign; returns its ledger. */
    static CallLedger assertInvariants(RequestSpecification api, EventTopics topics, String campaign, int contacts, int cap,
            int maxRetries, Map<String, RetryRule> retryRules) {
        Map<String, Integer> counts = api.get("/api/crm/campaigns/" + campaign + "/contacts?limit=1")
                .then().statusCode(200).extract().path("statusCounts");
        assertEquals(0, counts.get("pending") + counts.get("queued") + counts.get("calling"), "I4: " + counts);
        assertEquals(contacts, counts.get("completed") + counts.get("failed"), "I4: " + counts);

        CallLedger ledger = ledger(topics, campaign);
        assertTrue(ledger.peakConcurrency() <= cap, () -> "I1: peak concurrency " + ledger.peakConcurrency() + " > " + cap + ": " + ledger.overlapsAbove(cap));
        int maxAttempts = ledger.attemptsPerContact().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(maxAttempts <= 1 + maxRetries, "I3: " + maxAttempts + " attempts");
        assertEquals(List.of(), List.copyOf(ledger.contactsWithOverlappingCalls()), "I3: overlapping calls");
        assertEquals(List.of(), ledger.placedTwice(), "I3: a call placed twice");
        assertEquals(List.of(), ledger.unended(), "calls never ended");

        long called = ledger.contactsCalled();
        long completed = ledger.contactsCompleted(1 + maxRetries, retryRules);
        long answered = ledger.contactsAnswered();
        assertEquals(contacts, completed, "contacts whose calls are final by the ledger");
        Map<String, Object> c = awaitCounters(api, campaign, called, completed, answered);
        assertEquals(contacts, ((Number) c.get("totalContacts")).longValue());
        assertEquals(called, ((Number) c.get("contactsCalled")).longValue(), "I5: contactsCalled");
        assertEquals(completed, ((Number) c.get("contactsCompleted")).longValue(), "I5: contactsCompleted");
        assertEquals(answered, ((Number) c.get("contactsAnswered")).longValue(), "I5: contactsAnswered");
        assertEquals(counts.get("completed").longValue(), answered, "completed contacts are the answered ones");
        return ledger;
    }

    /** Counter snapshots are throttled: wait (bounded) for the ones matching the recount. */
    private static Map<String, Object> awaitCounters(RequestSpecification api, String campaign, long called, long completed,
            long answered) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> c = Map.of();
        while (System.nanoTime() < deadline) {
            c = api.get("/api/crm/campaigns/" + campaign).then().extract().path("");
            if (((Number) c.get("contactsCalled")).longValue() == called
                    && ((Number) c.get("contactsCompleted")).longValue() == completed
                    && ((Number) c.get("contactsAnswered")).longValue() == answered) {
                break;
            }
            sleep(200);
        }
        return c;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // A test timed out: end it now rather than spin until its waits run out.
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
