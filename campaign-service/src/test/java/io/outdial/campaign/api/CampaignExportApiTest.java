package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.contract.Topics;
import io.outdial.contract.calls.CallRecord;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.ContactSettled;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * results.csv and calls.csv: their rows for contacts in different states (settled through Kafka as
 * call-result-service settles them), cells a spreadsheet would run or split coming out inert and
 * whole, tenancy, and a large campaign streamed in batches. Call records and talk time come from a
 * stand-in for call-result-service.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@WithTestResource(FakeCallResultService.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignExportApiTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String CAMPAIGNS = "/api/crm/campaigns/";
    private static final Instant LAST_CALL = Instant.parse("2026-11-30T15:04:05Z");
    private static final String HOSTILE_NAME = "=HYPERLINK(\"http://x\",\"a, b\")";
    private static final String MULTILINE_NAME = "Quote \"Q\"\nsecond line";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    private final EventTopics topics = new EventTopics();

    ApiClients.Team team;
    String campaign;
    String answered;
    String retrying;
    String listed;
    String untouched;

    @BeforeEach
    void campaignWithContactsInEveryState() {
        FakeCallResultService.DOWN.set(false);
        team = ApiClients.newTeam(keys);
        campaign = team.request().body(Map.of("name", "exported")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        answered = contact(Map.of("firstName", "Ada", "lastName", "Lovelace, Countess", "phone", "+12025550101",
                "timezone", "America/Chicago"));
        retrying = contact(Map.of("firstName", HOSTILE_NAME, "lastName", MULTILINE_NAME, "phone", "+12025550102"));
        listed = contact(Map.of("firstName", "Dee", "phone", "+12025550103", "doNotCall", true));
        untouched = contact(Map.of("lastName", "-1+1", "phone", "+12025550104"));
        team.request().body(Map.of("contactIds", List.of(answered, retrying, listed, untouched)))
                .post(CAMPAIGNS + campaign + "/contacts").then().statusCode(200).body("added", equalTo(4));

        // Two contacts are claimed (as a dialer's claim leaves them) and settle through Kafka.
        UUID firstCall = calling(answered);
        UUID secondCall = calling(retrying);
        topics.publish(settled(firstCall, answered, Settlement.DONE, "completed", CallOutcome.ANSWERED, null));
        topics.publish(settled(secondCall, retrying, Settlement.RETRY, null, CallOutcome.NO_ANSWER,
                LAST_CALL.plusSeconds(3600)));
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));

        FakeCallResultService.CALLS.add(call(firstCall, answered, 1, "ended", "answered", "=cmd|' /C calc'!A0", 12.4));
        FakeCallResultService.CALLS.add(call(UUID.randomUUID(), answered, 2, "ended", "answered", "hangup", 30.2));
        FakeCallResultService.CALLS.add(call(secondCall, retrying, 1, "ended", "no_answer", "ring \"timeout\", late\n",
                null));
        pool.preparedQuery("""
                INSERT INTO audit_events (campaign_id, contact_id, call_id, kind, phone, local_time, rules_version, at)
                VALUES ($1, $2, $3, 'attempt', '+12025550101', '2026-11-30T09:04:05-06:00[America/Chicago]', 'v1', $4)
                """).execute(Tuple.of(UUID.fromString(campaign), UUID.fromString(answered), firstCall,
                LAST_CALL.atOffset(ZoneOffset.UTC))).await().atMost(DB_WAIT);
    }

    @AfterEach
    void upAgain() {
        FakeCallResultService.DOWN.set(false);
    }

    @Test
    void resultsHaveOneRowPerContactWithOutcomeLocalTimeAndTalkTime() throws Exception {
        String body = team.request().accept("text/csv").get(CAMPAIGNS + campaign + "/results.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).contentType(org.hamcrest.Matchers.containsString("charset=utf-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"campaign-" + campaign + "-results.csv\""))
                .extract().asString();
        Map<String, CSVRecord> rows = byFirstColumn(body, List.of("contactId", "name", "phone", "status", "result",
                "attempts", "lastCallAtCallee", "talkSeconds"));
        assertEquals(4, rows.size());

        CSVRecord a = rows.get(answered);
        assertEquals("Ada Lovelace, Countess", a.get("name"));
        assertEquals("'+12025550101", a.get("phone"), "E.164 numbers are prefixed, as every cell starting with +");
        assertEquals("completed", a.get("status"));
        assertEquals("answered", a.get("result"));
        assertEquals("1", a.get("attempts"));
        assertEquals("2026-11-30T09:04:05-06:00", a.get("lastCallAtCallee"), "the contact's own timezone");
        assertEquals("43", a.get("talkSeconds"), "12.4 + 30.2 seconds, rounded");

        CSVRecord r = rows.get(retrying);
        assertEquals("'" + HOSTILE_NAME + " " + MULTILINE_NAME, r.get("name"), "a formula comes out inert and whole");
        assertEquals("pending", r.get("status"));
        assertEquals("pending", r.get("result"), "not final: the current status");
        assertEquals("1", r.get("attempts"));
        assertEquals("2026-11-30T10:04:05-05:00", r.get("lastCallAtCallee"), "the number's one zone (Washington, DC)");
        assertEquals("0", r.get("talkSeconds"));

        CSVRecord d = rows.get(listed);
        assertEquals("skipped", d.get("status"));
        assertEquals("do_not_call", d.get("result"));
        assertEquals("0", d.get("attempts"));
        assertEquals("", d.get("lastCallAtCallee"));

        CSVRecord u = rows.get(untouched);
        assertEquals("'-1+1", u.get("name"));
        assertEquals("pending", u.get("result"));
    }

    @Test
    void callsHaveOneRowPerCallWithEveryFieldEscaped() throws Exception {
        String body = team.request().accept("text/csv").get(CAMPAIGNS + campaign + "/calls.csv").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"campaign-" + campaign + "-calls.csv\""))
                .extract().asString();
        List<String> header = List.of("id", "campaignId", "contactId", "campaignContactId", "attempt", "fromNumber",
                "toNumber", "status", "outcome", "endReason", "queuedAt", "initiatedAt", "answeredAt", "endedAt",
                "durationSeconds", "sipStatus", "localTimeAtCallee");
        Map<String, CSVRecord> rows = byFirstColumn(body, header);
        assertEquals(3, rows.size());
        List<CallRecord> mine = FakeCallResultService.CALLS.stream().filter(c -> c.campaignId().equals(campaign)).toList();
        CallRecord first = mine.get(0);
        CSVRecord row = rows.get(first.id());
        assertEquals(campaign, row.get("campaignId"));
        assertEquals(answered, row.get("contactId"));
        assertEquals("1", row.get("attempt"));
        assertEquals("'+12025550170", row.get("fromNumber"));
        assertEquals("'+12025550101", row.get("toNumber"));
        assertEquals("answered", row.get("outcome"));
        assertEquals("'=cmd|' /C calc'!A0", row.get("endReason"));
        assertEquals("2026-11-30T15:04:06Z", row.get("initiatedAt"));
        assertEquals("12.4", row.get("durationSeconds"));
        assertEquals("200", row.get("sipStatus"));
        assertEquals("2026-11-30T09:04:05-06:00[America/Chicago]", row.get("localTimeAtCallee"), "from the audit");
        assertEquals("ring \"timeout\", late\n", rows.get(mine.get(2).id()).get("endReason"));
        assertEquals("", rows.get(mine.get(2).id()).get("durationSeconds"));
    }

    @Test
    void anotherTeamsOrAnUnknownCampaignAnswers404AndNoKey401() {
        ApiClients.Team other = ApiClients.newTeam(keys);
        for (String export : List.of("/results.csv", "/calls.csv")) {
            other.request().get(CAMPAIGNS + campaign + export).then().statusCode(404)
                    .contentType("application/problem+json");
            team.request().get(CAMPAIGNS + UUID.randomUUID() + export).then().statusCode(404)
                    .contentType("application/problem+json");
            team.request().get(CAMPAIGNS + "not-an-id" + export).then().statusCode(404)
                    .contentType("application/problem+json");
            given().get(CAMPAIGNS + campaign + export).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void callResultServiceDownAnswers503BeforeTheExportStarts() {
        FakeCallResultService.DOWN.set(true);
        for (String export : List.of("/results.csv", "/calls.csv")) {
            team.request().get(CAMPAIGNS + campaign + export).then().statusCode(503)
                    .contentType("application/problem+json").body("status", equalTo(503));
        }
    }

    @Test
    void twentyThousandContactsStreamInBatches() throws Exception {
        String big = team.request().body(Map.of("name", "big")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        int contacts = 20_000;
        pool.preparedQuery("""
                WITH made AS (
                    INSERT INTO contacts (id, team_id, first_name, phone, timezone)
                    SELECT gen_random_uuid(), $1, 'c' || n, '+1202555' || lpad((n % 10000)::text, 4, '0'), 'America/New_York'
                      FROM generate_series(1, $2) AS n
                    RETURNING id)
                INSERT INTO campaign_contacts (id, campaign_id, contact_id, status)
                SELECT gen_random_uuid(), $3, id, 'pending' FROM made
                """).execute(Tuple.of(team.teamId(), contacts, UUID.fromString(big))).await().atMost(DB_WAIT);
        int talkRequestsBefore = FakeCallResultService.TALK_REQUESTS.get();

        String body = team.request().accept("text/csv").get(CAMPAIGNS + big + "/results.csv").then().statusCode(200)
                .extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(body)).getRecords();
        assertEquals(contacts + 1, rows.size(), "a header and one row per contact");
        assertEquals(contacts, rows.stream().skip(1).map(row -> row.get(0)).distinct().count(), "no contact twice");
        assertTrue(FakeCallResultService.TALK_REQUESTS.get() - talkRequestsBefore >= contacts / 1000,
                "talk time is read batch by batch");
    }

    private String contact(Map<String, Object> body) {
        return team.request().body(body).post("/api/crm/contacts").then().statusCode(201).extract().path("id");
    }

    /** Moves the campaign contact to calling with a new call, as a granted claim does. */
    private UUID calling(String contactId) {
        UUID call = UUID.randomUUID();
        pool.preparedQuery("""
                UPDATE campaign_contacts SET status = 'calling', current_call_id = $3, attempts = 1, last_attempt_at = $4
                 WHERE campaign_id = $1 AND contact_id = $2
                """).execute(Tuple.of(UUID.fromString(campaign), UUID.fromString(contactId), call,
                LAST_CALL.atOffset(ZoneOffset.UTC))).await().atMost(DB_WAIT);
        return call;
    }

    private ContactSettled settled(UUID call, String contactId, Settlement settlement, String finalStatus,
            CallOutcome outcome, Instant nextAttemptAt) {
        UUID member = pool.preparedQuery("SELECT id FROM campaign_contacts WHERE campaign_id = $1 AND contact_id = $2")
                .execute(Tuple.of(UUID.fromString(campaign), UUID.fromString(contactId))).await().atMost(DB_WAIT)
                .iterator().next().getUUID(0);
        return new ContactSettled(call.toString(), campaign, member.toString(), contactId, 1, settlement, finalStatus,
                outcome, nextAttemptAt, LAST_CALL.plusSeconds(60));
    }

    private CallRecord call(UUID id, String contactId, int attempt, String status, String outcome, String endReason,
            Double talkSeconds) {
        return new CallRecord(id.toString(), campaign, contactId, null, attempt, "+12025550170",
                contactId.equals(answered) ? "+12025550101" : "+12025550102", status, outcome, endReason, null,
                LAST_CALL.plusSeconds(1), null, LAST_CALL.plusSeconds(50), talkSeconds, 200, null);
    }

    /** The CSV's rows by their first cell, after checking its header. */
    private static Map<String, CSVRecord> byFirstColumn(String body, List<String> header) throws Exception {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body))) {
            assertEquals(header, parser.getHeaderNames());
            Map<String, CSVRecord> rows = new HashMap<>();
            for (CSVRecord row : parser) {
                rows.put(row.get(0), row);
            }
            return rows;
        }
    }
}
