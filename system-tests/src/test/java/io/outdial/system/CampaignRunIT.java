package io.outdial.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.Topics;
import io.outdial.testsupport.CallLedger;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.SystemStack;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The whole system end to end, as processes on a real Kafka broker and PostgreSQL with two
 * dialers. The invariants are checked from the call events an integrator reads on Kafka and from
 * the API, never from the services' insides. Time-of-day behaviour is driven through the services'
 * clocks, never by waiting for the wall clock, and every wait is bounded and says what it awaited.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class CampaignRunIT {

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static SystemStack stack;
    private final EventTopics topics = new EventTopics();

    @BeforeAll
    static void startSystem() throws Exception {
        stack = SystemStacks.open(SystemStacks.STANDARD, "run");
    }

    private RequestSpecification api() {
        return given().baseUri(stack.campaign.url()).header("Authorization", "Bearer " + SystemStack.DEV_KEY)
                .contentType(ContentType.JSON);
    }

    /** A campaign with {@code contacts} fresh contacts, three caller IDs and the given window (UTC). */
    private String campaign(int contacts, int cap, int maxRetries, String windowStart, String windowEnd) {
        String campaign = emptyCampaign(cap, maxRetries, windowStart, windowEnd);
        addContacts(campaign, contacts);
        return campaign;
    }

    private String emptyCampaign(int cap, int maxRetries, String windowStart, String windowEnd) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(api().body(Map.of("number", "+1312555" + (2000 + NUMBERS.incrementAndGet()))).post("/api/crm/phone-numbers")
                    .then().statusCode(201).extract().path("id"));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("name", "system run");
        body.put("assistantId", "asst-1");
        body.put("fromNumberIds", numbers);
        body.put("maxConcurrentCalls", cap);
        body.put("maxRetries", maxRetries);
        body.put("retryDelayMinutes", 0);
        body.put("callWindowStart", windowStart);
        body.put("callWindowEnd", windowEnd);
        body.put("callWindowTimezone", "Etc/UTC");
        // This test is about the campaign window and the dispatch loop, not legal hours (ComplianceIT).
        body.put("complianceProfile", "none");
        body.put("complianceOptOut", true);
        return api().body(body).post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
    }

    /** New contacts, imported in one request and added in one: setup costs no round trip per contact. */
    private void addContacts(String campaign, int contacts) {
        CampaignApi bulk = new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT);
        try {
            String tag = "it" + NUMBERS.incrementAndGet() + "x" + Long.toString(System.nanoTime(), 36);
            List<String> ids = bulk.contacts(tag, contacts);
            assertEquals(contacts, ids.size(), "contacts imported for " + tag);
            bulk.addContacts(campaign, ids);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while adding contacts", e);
        }
    }

    private static String hhmm(LocalTime t) {
        return t.truncatedTo(ChronoUnit.MINUTES).toString().substring(0, 5);
    }

    /** The services' time of day (UTC): their clocks, not this JVM's, decide the window. */
    private static LocalTime servicesTime() {
        try {
            return LocalTime.ofInstant(stack.now(), ZoneOffset.UTC);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the services' clock", e);
        }
    }

    private String openWindowCampaign(int contacts, int cap, int maxRetries) {
        LocalTime now = servicesTime();
        return campaign(contacts, cap, maxRetries, hhmm(now.minusHours(2)), hhmm(now.plusHours(2)));
    }

    private int run(String campaign) {
        return api().body(Map.of("accountSlug", SystemStack.ACCOUNT)).post("/api/crm/campaigns/" + campaign + "/run")
                .then().statusCode(200).extract().path("started");
    }

    /** Waits (bounded) until the campaign has status {@code wanted}; fails naming both. */
    private void awaitStatus(String campaign, String wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = api().get("/api/crm/campaigns/" + campaign).then().statusCode(200).extract().path("status");
            if (status.equals(wanted)) {
                return;
            }
            sleep(300);
        }
        throw new AssertionError("campaign " + campaign + " not " + wanted + " within " + timeout + " (last status " + status
                + "); dialer log:\n" + stack.dialers.get(0).tail());
    }

    private CallLedger ledger(String campaign) {
        return SystemChecks.ledger(topics, campaign);
    }

    private CallLedger assertInvariants(String campaign, int contacts, int cap, int maxRetries) {
        return SystemChecks.assertInvariants(api(), topics, campaign, contacts, cap, maxRetries, Map.of());
    }

    @Test
    void thousandContactsAndASecondDialerKeepEveryInvariantEvenWithRedelivery() throws Exception {
        // 1,000 contacts in one campaign and 200 in a second, each spread over both dialers.
        int cap = 20;
        int maxRetries = 2;
        LocalTime now = servicesTime();
        List<String> campaigns = List.of(emptyCampaign(cap, maxRetries, hhmm(now.minusHours(2)), hhmm(now.plusHours(2))),
                emptyCampaign(cap, maxRetries, hhmm(now.minusHours(2)), hhmm(now.plusHours(2))));
        Map<String, Integer> sizes = Map.of(campaigns.get(0), 1000, campaigns.get(1), 200);
        for (String campaign : campaigns) {
            addContacts(campaign, sizes.get(campaign));
        }

        long runStarted = System.nanoTime();
        for (String campaign : campaigns) {
            assertEquals(cap, run(campaign), "the first wave fills the cap");
        }
        // Redeliver the first waves' commands while their calls are in progress: none may dial again.
        for (String campaign : campaigns) {
            List<ConsumerRecord<String, String>> firstWave = topics.awaitRecords(Topics.DIAL_COMMANDS, "the first wave's " + cap + " dial commands",
                    new java.util.function.Predicate<>() {
                        int seen;

                        @Override
                        public boolean test(ConsumerRecord<String, String> r) {
                            return campaign.equals(EventTopics.campaignOf(r)) && ++seen == cap;
                        }
                    }, Duration.ofSeconds(30)).stream().filter(r -> campaign.equals(EventTopics.campaignOf(r))).toList();
            topics.sendAll(firstWave.stream().map(EventTopics::again).toList());
        }

        for (String campaign : campaigns) {
            awaitStatus(campaign, "completed", Duration.ofMinutes(8));
        }
        double seconds = (System.nanoTime() - runStarted) / 1e9;
        java.util.Set<String> dialers = new java.util.TreeSet<>();
        int attempts = 0;
        for (String campaign : campaigns) {
            CallLedger ledger = assertInvariants(campaign, sizes.get(campaign), cap, maxRetries);
            assertTrue(ledger.peakConcurrency() >= cap / 2, "calls ran concurrently: " + ledger.peakConcurrency());
            assertTrue(ledger.attemptsPerContact().values().stream().anyMatch(n -> n > 1), "retries happened");
            // Commands are keyed by contact: one campaign's calls spread over every dialer.
            assertEquals(2, ledger.dialers().size(), "campaign " + campaign + " was dialed by both dialers: " + ledger.dialers());
            dialers.addAll(ledger.dialers());
            attempts += ledger.attempts().size();
            System.out.printf("campaign %s: peak concurrency %d of %d, %d attempts, dialers %s%n", campaign,
                    ledger.peakConcurrency(), cap, ledger.attempts().size(), ledger.dialers());
        }
        System.out.printf("%d contacts in 2 campaigns completed in %.1f s: %d attempts (%.0f/s)%n", 1200, seconds,
                attempts, attempts / seconds);
        assertEquals(2, dialers.size(), "both dialers dialed: " + dialers);

        // The calls API serves the records: one per call of the ledger.
        String first = campaigns.get(0);
        int callCount = api().get("/api/crm/calls?campaignId=" + first + "&limit=1").then().statusCode(200).extract().path("total");
        CallLedger firstLedger = ledger(first);
        assertEquals(firstLedger.callIds().size(), callCount);
        String someCall = firstLedger.attempts().get(0).callId;
        api().get("/api/crm/calls/" + someCall).then().statusCode(200)
                .body("campaignId", org.hamcrest.Matchers.equalTo(first))
                .body("status", org.hamcrest.Matchers.equalTo("ended"));

        // The exports stream the same: a row per call (from call-result-service), a row per contact.
        List<String> callRows = List.of(api().accept("text/csv").get("/api/crm/campaigns/" + first + "/calls.csv").then()
                .statusCode(200).extract().asString().split("\r\n"));
        assertEquals(callCount + 1, callRows.size(), "a header and one row per call");
        List<String> resultRows = List.of(api().accept("text/csv").get("/api/crm/campaigns/" + first + "/results.csv").then()
                .statusCode(200).extract().asString().split("\r\n"));
        assertEquals(1000 + 1, resultRows.size(), "a header and one row per contact");
        int answered = api().get("/api/crm/campaigns/" + first).then().extract().path("contactsAnswered");
        assertEquals((long) answered, resultRows.stream().filter(row -> row.contains(",completed,answered,")).count());

        // What the producers really emitted conforms to the contract's JSON Schemas.
        var validator = new io.outdial.contract.ContractValidator();
        List<String> nonConforming = new ArrayList<>();
        for (var topic : Topics.MAIN) {
            for (ConsumerRecord<String, String> r : topics.readToEnd(topic.name(), Duration.ofSeconds(60))) {
                if (campaigns.contains(EventTopics.campaignOf(r))) {
                    var type = io.outdial.contract.EventType.ofCeType(
                            new String(r.headers().lastHeader("ce_type").value(), java.nio.charset.StandardCharsets.UTF_8));
                    var violations = validator.violations(type, r.value());
                    if (!violations.isEmpty()) {
                        nonConforming.add(type + " " + violations + " " + r.value());
                    }
                }
            }
        }
        assertEquals(List.of(), nonConforming.stream().limit(5).toList());

        // Every call event delivered twice leaves the counters unchanged.
        String campaign = campaigns.get(0);
        Map<String, Object> before = api().get("/api/crm/campaigns/" + campaign).then().extract().path("");
        List<ConsumerRecord<String, String>> events = topics.readToEnd(Topics.CALL_EVENTS, Duration.ofSeconds(60)).stream()
                .filter(r -> campaign.equals(r.key())).toList();
        topics.sendAll(events.stream().map(EventTopics::again).toList());
        topics.awaitConsumed("call-result-service", Topics.CALL_EVENTS, Duration.ofSeconds(60));
        topics.awaitConsumed("campaign-service", Topics.CAMPAIGN_PROGRESS, Duration.ofSeconds(30));
        sleep(1500);
        Map<String, Object> after = api().get("/api/crm/campaigns/" + campaign).then().extract().path("");
        for (String counter : List.of("contactsCalled", "contactsCompleted", "contactsAnswered", "totalContacts", "status")) {
            assertEquals(before.get(counter), after.get(counter), counter + " changed by redelivered events");
        }
    }

    @Test
    void pauseStopsInitiationsWithinASecondAndResumeFinishes() throws Exception {
        int contacts = 300;
        int cap = 5;
        String campaign = openWindowCampaign(contacts, cap, 1);
        run(campaign);
        topics.awaitRecords(Topics.CALL_EVENTS, "30 calls ended", new java.util.function.Predicate<>() {
            int ended;

            @Override
            public boolean test(ConsumerRecord<String, String> r) {
                return campaign.equals(r.key()) && r.value().contains("endReason") && ++ended == 30;
            }
        }, Duration.ofSeconds(60));
        api().post("/api/crm/campaigns/" + campaign + "/pause").then().statusCode(200);
        Instant paused = stack.now();
        sleep(3000);
        List<CallLedger.Call> late = ledger(campaign).initiatedAfter(paused.plusSeconds(1));
        assertEquals(List.of(), late.stream().map(c -> c.callId + "@" + c.initiatedAt).toList(), "initiated after the pause");

        api().post("/api/crm/campaigns/" + campaign + "/resume").then().statusCode(200);
        awaitStatus(campaign, "completed", Duration.ofMinutes(5));
        assertInvariants(campaign, contacts, cap, 1);
    }

    @Test
    void noCallIsInitiatedOutsideTheWindowAndDialingResumesWhenItOpens() throws Exception {
        // A window of 10:00-12:00 UTC; at cap 2 the campaign has far more work than fits before it closes.
        int contacts = 300;
        int cap = 2;
        String campaign = campaign(contacts, cap, 0, "10:00", "12:00");
        try {
            // Setup is done: only now are the services' clocks put 15 s before the window closes.
            Instant closes = nextOccurrence(stack.now(), LocalTime.of(12, 0));
            stack.setClock(closes.minusSeconds(15));
            run(campaign);
            Instant answered = stack.now();
            assertTrue(answered.isBefore(closes), "the window closed at " + closes + " before the run answered (at "
                    + answered + "): the run request took over 15 s");
            awaitServicesTime(closes.plusSeconds(3));
            String status = api().get("/api/crm/campaigns/" + campaign).then().extract().path("status");
            assertEquals("running", status, "the campaign must still have work when the window closes");
            CallLedger beforeClose = ledger(campaign);
            assertTrue(!beforeClose.attempts().isEmpty(), "no call was placed in the 15 s before the window closed");
            assertEquals(List.of(), calls(beforeClose.initiatedAfter(closes)), "I2: initiated after the window closed");

            // The next morning: nothing is initiated before 10:00, and dialing resumes when the window opens.
            Instant opens = closes.plus(Duration.ofHours(22));
            stack.setClock(opens.minusSeconds(5));
            awaitStatus(campaign, "completed", Duration.ofMinutes(5));
            CallLedger ledger = ledger(campaign);
            List<CallLedger.Call> resumed = ledger.initiatedAfter(closes);
            assertTrue(!resumed.isEmpty(), "dialing resumed");
            assertEquals(List.of(), calls(resumed.stream().filter(c -> c.initiatedAt.isBefore(opens)).toList()),
                    "I2: initiated before the window opened");
            Instant firstResumed = resumed.stream().map(c -> c.initiatedAt).min(Instant::compareTo).orElseThrow();
            assertTrue(firstResumed.isBefore(opens.plusSeconds(10)),
                    "dialing resumed within 10 s of the window opening at " + opens + ", not at " + firstResumed);
            assertInvariants(campaign, contacts, cap, 0);
        } finally {
            stack.setClock(Instant.now());
        }
    }

    /** The first instant at or after {@code from} whose UTC time of day is {@code time}. */
    private static Instant nextOccurrence(Instant from, LocalTime time) {
        Instant candidate = from.atZone(ZoneOffset.UTC).with(time).toInstant();
        return candidate.isBefore(from) ? candidate.plus(Duration.ofDays(1)) : candidate;
    }

    /** Waits (bounded) until the services' clocks read {@code instant}. */
    private static void awaitServicesTime(Instant instant) throws Exception {
        long deadline = System.nanoTime() + Duration.between(stack.now(), instant).plusSeconds(30).toNanos();
        while (stack.now().isBefore(instant)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the services' clocks did not reach " + instant + " (they read " + stack.now() + ")");
            }
            sleep(200);
        }
    }

    private static List<String> calls(List<CallLedger.Call> calls) {
        return calls.stream().map(c -> c.callId + "@" + c.initiatedAt).toList();
    }

    private static void sleep(long ms) {
        SystemChecks.sleep(ms);
    }
}
