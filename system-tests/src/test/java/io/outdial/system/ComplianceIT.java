package io.outdial.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.bench.InvariantChecker;
import io.outdial.contract.Topics;
import io.outdial.contract.events.DialContact;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may be called, and when, through the whole system under a controllable clock (DESIGN 4b,
 * invariants I2 and I9). Contacts across US time zones, located by their numbers' area codes, are
 * dialed only inside their legal hours (08:00-21:00 local; Florida 08:00-20:00) and each becomes
 * eligible exactly when its local morning comes; a number put on the do-not-call list while its dial
 * command already waits on Kafka is never dialed.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ComplianceIT {

    /** A winter day: no daylight saving time anywhere in the US. */
    private static final Instant MORNING_IN_NEW_YORK = Instant.parse("2027-01-15T13:30:00Z");
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private static SystemStack stack;
    private final EventTopics topics = new EventTopics();

    @BeforeAll
    static void startSystem() throws Exception {
        stack = SystemStacks.open(SystemStacks.STANDARD, "cmp");
    }

    /** The stack is shared with the next class: its clocks go back to now. */
    @AfterAll
    static void restoreClock() throws Exception {
        if (stack != null) {
            stack.setClock(Instant.now());
        }
    }

    private RequestSpecification api() {
        return given().baseUri(stack.campaign.url()).header("Authorization", "Bearer " + SystemStack.DEV_KEY)
                .contentType(ContentType.JSON);
    }

    /** A fresh contact with a number in this area code (its location is the number's). */
    private String contact(String areaCode) {
        String phone = "+1" + areaCode + "555" + String.format("%04d", 100 + NUMBERS.incrementAndGet());
        return api().body(Map.of("firstName", "Callee", "lastName", areaCode, "phone", phone)).post("/api/crm/contacts")
                .then().statusCode(201).extract().path("id");
    }

    /** A us_tcpa campaign (the default) whose own window is open all day (UTC), with these contacts, running. */
    private String runningCampaign(List<String> contacts) {
        String callerId = api().body(Map.of("number", "+1415555" + (3000 + NUMBERS.incrementAndGet())))
                .post("/api/crm/phone-numbers").then().statusCode(201).extract().path("id");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "compliance");
        body.put("fromNumberIds", List.of(callerId));
        body.put("maxConcurrentCalls", 50);
        body.put("maxRetries", 0);
        body.put("callWindowStart", "00:00");
        body.put("callWindowEnd", "23:59");
        body.put("callWindowTimezone", "Etc/UTC");
        String campaign = api().body(body).post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
        api().body(Map.of("contactIds", contacts)).post("/api/crm/campaigns/" + campaign + "/contacts").then().statusCode(200);
        api().body(Map.of("accountSlug", SystemStack.ACCOUNT)).post("/api/crm/campaigns/" + campaign + "/run")
                .then().statusCode(200);
        return campaign;
    }

    /** The campaign's contacts by contact id: status, waitReason, nextEligibleAt, skipReason. */
    private Map<String, Map<String, Object>> members(String campaign) {
        List<Map<String, Object>> list = api().get("/api/crm/campaigns/" + campaign + "/contacts?limit=500").then()
                .statusCode(200).extract().path("contacts");
        Map<String, Map<String, Object>> byContact = new LinkedHashMap<>();
        list.forEach(m -> byContact.put((String) m.get("contactId"), m));
        return byContact;
    }

    /** Waits (bounded) until every one of {@code contacts} has been called (left pending for good). */
    private void awaitCalled(String campaign, List<String> contacts, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Map<String, Object>> members = Map.of();
        while (System.nanoTime() < deadline) {
            members = members(campaign);
            Map<String, Map<String, Object>> seen = members;
            // Answered or not (no retries): each was called once and is done.
            if (contacts.stream().allMatch(c -> List.of("completed", "failed").contains(seen.get(c).get("status")))) {
                return;
            }
            SystemChecks.sleep(300);
        }
        throw new AssertionError(what + ": not all called within 30 s: " + members);
    }

    private void assertWaiting(Map<String, Map<String, Object>> members, List<String> contacts, Instant opensAt) {
        for (String c : contacts) {
            Map<String, Object> m = members.get(c);
            assertEquals("pending", m.get("status"), "not called yet: " + m);
            assertEquals("outside_local_hours", m.get("waitReason"), "waits for its local morning: " + m);
            assertEquals(opensAt, Instant.parse((String) m.get("nextEligibleAt")), "eligible at 08:00 local: " + m);
        }
    }

    private static List<String> both(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void contactsAcrossUsZonesAreDialedOnlyInsideTheirLocalHoursEachAsItsMorningComes() throws Exception {
        stack.setClock(MORNING_IN_NEW_YORK); // 08:30 in New York and Miami; before 08:00 everywhere west of them
        List<String> newYork = List.of(contact("212"), contact("212"));
        List<String> miami = List.of(contact("305"), contact("305"));
        List<String> chicago = List.of(contact("312"), contact("312"));
        List<String> denver = List.of(contact("303"));
        List<String> phoenix = List.of(contact("602"));
        List<String> losAngeles = List.of(contact("213"));
        List<String> honolulu = List.of(contact("808"));
        List<String> all = new ArrayList<>();
        List.of(newYork, miami, chicago, denver, phoenix, losAngeles, honolulu).forEach(all::addAll);
        String campaign = runningCampaign(all);

        awaitCalled(campaign, both(newYork, miami), "New York and Miami at 08:30");
        var members = members(campaign);
        assertWaiting(members, chicago, Instant.parse("2027-01-15T14:00:00Z"));
        assertWaiting(members, denver, Instant.parse("2027-01-15T15:00:00Z"));
        assertWaiting(members, phoenix, Instant.parse("2027-01-15T15:00:00Z"));
        assertWaiting(members, losAngeles, Instant.parse("2027-01-15T16:00:00Z"));
        assertWaiting(members, honolulu, Instant.parse("2027-01-15T18:00:00Z"));
        assertEquals("running", api().get("/api/crm/campaigns/" + campaign).then().extract().path("status"),
                "a campaign whose contacts all wait keeps running");
        assertEquals("2027-01-15T14:00:00Z", api().get("/api/crm/campaigns/" + campaign).then().extract().path("nextCallAt"),
                "and says when its next call can start");

        // Just before Chicago's 08:00 nobody else is called; from it, Chicago is, and only Chicago.
        stack.setClock(Instant.parse("2027-01-15T13:59:57Z"));
        SystemChecks.sleep(2_000);
        assertWaiting(members(campaign), chicago, Instant.parse("2027-01-15T14:00:00Z"));
        awaitCalled(campaign, chicago, "Chicago from 08:00 CST");
        assertWaiting(members(campaign), denver, Instant.parse("2027-01-15T15:00:00Z"));

        stack.setClock(Instant.parse("2027-01-15T15:00:00Z"));
        awaitCalled(campaign, both(denver, phoenix), "Denver and Phoenix from 08:00 MST");
        assertWaiting(members(campaign), losAngeles, Instant.parse("2027-01-15T16:00:00Z"));
        stack.setClock(Instant.parse("2027-01-15T16:00:00Z"));
        awaitCalled(campaign, losAngeles, "Los Angeles from 08:00 PST");
        assertWaiting(members(campaign), honolulu, Instant.parse("2027-01-15T18:00:00Z"));
        stack.setClock(Instant.parse("2027-01-15T18:00:00Z"));
        awaitCalled(campaign, honolulu, "Honolulu from 08:00 HST");
        awaitStatus(campaign, "completed");

        // Each call was placed inside its callee's legal hours, and the calls API says at what local time.
        List<Map<String, Object>> calls = api().get("/api/crm/calls?campaignId=" + campaign + "&limit=100").then()
                .statusCode(200).extract().path("calls");
        assertEquals(all.size(), calls.size());
        for (Map<String, Object> call : calls) {
            String local = (String) call.get("localTimeAtCallee");
            assertTrue(local != null && local.matches("2027-01-15T08:.*"), "called at 08:xx local: " + call);
        }
        assertCheckerPasses(campaign);
    }

    @Test
    void floridaNumbersStopAt20WhileNewYorkGoesOnTo21() throws Exception {
        stack.setClock(Instant.parse("2027-01-16T01:00:30Z")); // 20:00:30 in New York and Miami
        String miami = contact("305");
        String newYork = contact("212");
        String campaign = runningCampaign(List.of(miami, newYork));
        awaitCalled(campaign, List.of(newYork), "New York at 20:00");
        var waiting = members(campaign).get(miami);
        assertEquals("pending", waiting.get("status"));
        assertEquals("outside_local_hours", waiting.get("waitReason"));
        assertEquals(Instant.parse("2027-01-16T13:00:00Z"), Instant.parse((String) waiting.get("nextEligibleAt")),
                "Florida's next window opens at 08:00 tomorrow");
    }

    @Test
    void aNumberPutOnTheDoNotCallListWhileItsCommandWaitsOnKafkaIsNeverDialed() throws Exception {
        stack.setClock(Instant.parse("2027-01-18T15:00:00Z")); // 10:00 in New York
        String contact = contact("212");
        String phone = api().get("/api/crm/contacts/" + contact).then().extract().path("phone");
        // The dialers hold still: the command waits for one of them on Kafka.
        List<Long> dialers = stack.dialers.stream().map(d -> d.pid()).toList();
        String campaign;
        try {
            for (long dialer : dialers) {
                signal("STOP", dialer);
            }
            campaign = runningCampaign(List.of(contact));
            String finalCampaign = campaign;
            var command = topics.awaitEvent(Topics.DIAL_COMMANDS, "the dial command of " + contact,
                    e -> e.event() instanceof DialContact d && d.campaignId().equals(finalCampaign), Duration.ofSeconds(30));
            assertEquals(phone, ((DialContact) command.event()).toNumber());
            api().body(Map.of("number", phone, "source", "callee asked")).post("/api/crm/dnc").then().statusCode(201);
        } finally {
            for (long dialer : dialers) {
                signal("CONT", dialer);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> member = Map.of();
        while (System.nanoTime() < deadline) {
            member = members(campaign).get(contact);
            if ("skipped".equals(member.get("status"))) {
                break;
            }
            SystemChecks.sleep(300);
        }
        assertEquals("skipped", member.get("status"), "never dialed: " + member);
        assertEquals("dnc_list", member.get("skipReason"));
        assertEquals(0, ((Number) member.get("attempts")).intValue());
        List<Map<String, Object>> audit = api().get("/api/crm/campaigns/" + campaign + "/audit").then().statusCode(200)
                .extract().path("events");
        assertTrue(audit.stream().anyMatch(e -> "dnc_list".equals(e.get("reason"))
                && List.of("refusal", "skip").contains(e.get("kind"))), "the audit says why: " + audit);
        assertTrue(audit.stream().noneMatch(e -> "attempt".equals(e.get("kind"))), "no attempt: " + audit);
        awaitStatus(campaign, "completed");
        assertCheckerPasses(campaign);
    }

    /** The invariant checker, from the events and the API, finds I1-I5 and I9 (legal hours in I2) kept. */
    private static void assertCheckerPasses(String campaign) throws Exception {
        InvariantChecker checker = InvariantChecker.check(TestInfrastructure.get().kafkaBootstrapServers(),
                new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT), List.of(campaign));
        assertTrue(checker.passed(), "the invariant checker:\n" + checker.report());
    }

    private void awaitStatus(String campaign, String wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = api().get("/api/crm/campaigns/" + campaign).then().statusCode(200).extract().path("status");
            if (wanted.equals(status)) {
                return;
            }
            SystemChecks.sleep(300);
        }
        throw new AssertionError("campaign " + campaign + " not " + wanted + " within 30 s (last status " + status + ")");
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }
}
