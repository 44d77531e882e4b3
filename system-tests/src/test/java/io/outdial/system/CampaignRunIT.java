package io.outdial.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.outdial.contract.Topics;
import io.outdial.testsupport.EventTopics;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The whole system end to end, as processes on a real Kafka broker and PostgreSQL: 1,000 contacts,
 * cap 10, 30% no answer, 2 retries, two dialers. The invariants are checked from the call events
 * an integrator reads on Kafka and from the API.
 */
class CampaignRunIT {

    private static SystemStack stack;
    private final EventTopics topics = new EventTopics();

    @BeforeAll
    static void startSystem() throws Exception {
        stack = new SystemStack(2, Map.of(
                "SIM_TIME_SCALE", "0.001",
                "SIM_ANSWERED", "0.7",
                "SIM_NO_ANSWER", "0.3",
                "SIM_BUSY", "0",
                "SIM_VOICEMAIL", "0",
                "SIM_ERROR", "0"));
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    private RequestSpecification api() {
        return given().baseUri(stack.campaign.url()).header("Authorization", "Bearer " + SystemStack.DEV_KEY)
                .contentType(ContentType.JSON);
    }

    @Test
    void thousandContactsCompleteWithinCapAttemptsAndExactCounters() {
        int contacts = 1000;
        int cap = 10;
        int maxRetries = 2;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(api().body(Map.of("number", "+1312555" + (2000 + i))).post("/api/crm/phone-numbers")
                    .then().statusCode(201).extract().path("id"));
        }
        List<String> contactIds = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            contactIds.add(api().body(Map.of("firstName", "C" + i, "phone", "+1212" + (2000000 + i)))
                    .post("/api/crm/contacts").then().statusCode(201).extract().path("id"));
        }
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String campaign = api().body(Map.of("name", "system run", "assistantId", "asst-1", "fromNumberIds", numbers,
                "maxConcurrentCalls", cap, "maxRetries", maxRetries, "retryDelayMinutes", 0,
                "callWindowStart", now.minusHours(2).toString().substring(0, 5),
                "callWindowEnd", now.plusHours(2).toString().substring(0, 5), "callWindowTimezone", "Etc/UTC"))
                .post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
        api().body(Map.of("contactIds", contactIds)).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(200);

        int started = api().body(Map.of("accountSlug", SystemStack.ACCOUNT)).post("/api/crm/campaigns/" + campaign + "/run")
                .then().statusCode(200).extract().path("started");
        assertEquals(cap, started, "the first wave fills the cap");

        long runStarted = System.nanoTime();
        long deadline = runStarted + Duration.ofMinutes(5).toNanos();
        String status = "running";
        while (!status.equals("completed") && System.nanoTime() < deadline) {
            sleep(500);
            status = api().get("/api/crm/campaigns/" + campaign).then().statusCode(200).extract().path("status");
        }
        assertEquals("completed", status, "campaign did not complete; dialer log:\n" + stack.dialers.get(0).tail());

        // I4: every contact terminal.
        Map<String, Integer> counts = api().get("/api/crm/campaigns/" + campaign + "/contacts?limit=1")
                .then().statusCode(200).extract().path("statusCounts");
        assertEquals(0, counts.get("pending") + counts.get("queued") + counts.get("calling"), counts.toString());
        assertEquals(contacts, counts.get("completed") + counts.get("failed"), counts.toString());

        double seconds = (System.nanoTime() - runStarted) / 1e9;
        CallLedger ledger = new CallLedger(topics.readToEnd(Topics.CALL_EVENTS, Duration.ofSeconds(60)), campaign);
        System.out.printf("campaign of %d contacts completed in %.1f s: %d attempts (%.0f/s), peak concurrency %d of %d%n",
                contacts, seconds, ledger.attempts().size(), ledger.attempts().size() / seconds, ledger.peakConcurrency(), cap);
        // I1: never more than the cap in progress.
        assertTrue(ledger.peakConcurrency() <= cap, "peak concurrency " + ledger.peakConcurrency());
        assertTrue(ledger.peakConcurrency() >= cap - 1, "the cap was used: " + ledger.peakConcurrency());
        // I3: at most 1 + maxRetries attempts per contact, never two at once.
        int maxAttempts = ledger.attemptsPerContact().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(maxAttempts <= 1 + maxRetries, "max attempts " + maxAttempts);
        assertTrue(maxAttempts > 1, "retries happened");
        assertEquals(List.of(), List.copyOf(ledger.contactsWithOverlappingCalls()));
        assertEquals(List.of(), ledger.unended());
        // I5: counters equal a recount from the call events (snapshots are throttled: wait for the last).
        long called = ledger.contactsCalled();
        long completed = ledger.contactsCompleted(1 + maxRetries);
        long answered = ledger.contactsAnswered();
        assertEquals(contacts, called);
        assertEquals(contacts, completed);
        long countersDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> c = Map.of();
        while (System.nanoTime() < countersDeadline) {
            c = api().get("/api/crm/campaigns/" + campaign).then().extract().path("");
            if (((Number) c.get("contactsCompleted")).longValue() == completed
                    && ((Number) c.get("contactsAnswered")).longValue() == answered) {
                break;
            }
            sleep(200);
        }
        assertEquals(contacts, ((Number) c.get("totalContacts")).longValue());
        assertEquals(called, ((Number) c.get("contactsCalled")).longValue());
        assertEquals(completed, ((Number) c.get("contactsCompleted")).longValue());
        assertEquals(answered, ((Number) c.get("contactsAnswered")).longValue());
        assertEquals(counts.get("completed").longValue(), answered, "completed contacts are the answered ones");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
