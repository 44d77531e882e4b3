package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.application.CampaignAudit;
import io.outdial.contract.calls.CallRecord;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A campaign's audit (attempts, skips, refusals, waits) as JSON and CSV, and the callee's local
 * time it gives call records. The dispatch loop writes audit_events; here the rows are inserted
 * with SQL and read back through the API.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignAuditApiTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String CAMPAIGNS = "/api/crm/campaigns/";
    private static final String LOCAL = "2026-11-30T09:15:00-05:00[America/New_York]";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    CampaignAudit audit;

    @Inject
    Pool pool;

    ApiClients.Team team;
    String campaign;
    UUID contact = UUID.randomUUID();
    UUID member = UUID.randomUUID();
    UUID call = UUID.randomUUID();

    @BeforeEach
    void campaignWithEvents() {
        team = ApiClients.newTeam(keys);
        campaign = team.request().body(Map.of("name", "audited")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        insert("wait", "outside_local_hours", null, "+13055550123", "2026-11-30T06:00:00-05:00[America/New_York]",
                "2026-11-30T11:00:00Z");
        insert("attempt", null, call, "+13055550123", LOCAL, "2026-11-30T14:15:00Z");
        insert("skip", "dnc_list", null, "+13055550123", null, "2026-11-30T14:16:00Z");
        // What a hostile value would do in a spreadsheet: it must come out inert.
        insert("refusal", "=HYPERLINK(\"http://x\",\"a, b\")", null, "@evil", null, "2026-11-30T14:17:00Z");
    }

    private void insert(String kind, String reason, UUID callId, String phone, String localTime, String at) {
        pool.preparedQuery("""
                INSERT INTO audit_events (campaign_id, campaign_contact_id, contact_id, call_id, kind, reason, phone,
                                          local_time, rules_version, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'v1', $9)
                """).execute(Tuple.from(java.util.Arrays.asList(UUID.fromString(campaign), member, contact, callId, kind,
                reason, phone, localTime, Instant.parse(at).atOffset(ZoneOffset.UTC))))
                .await().atMost(DB_WAIT);
    }

    @Test
    void listsTheEventsOldestFirstWithEveryField() {
        team.request().get(CAMPAIGNS + campaign + "/audit").then().statusCode(200)
                .body("total", equalTo(4)).body("limit", equalTo(50)).body("offset", equalTo(0))
                .body("events.kind", equalTo(List.of("wait", "attempt", "skip", "refusal")))
                .body("events[1].callId", equalTo(call.toString()))
                .body("events[1].contactId", equalTo(contact.toString()))
                .body("events[1].campaignContactId", equalTo(member.toString()))
                .body("events[1].phone", equalTo("+13055550123"))
                .body("events[1].localTimeAtCallee", equalTo(LOCAL))
                .body("events[1].rulesVersion", equalTo("v1"))
                .body("events[1].at", equalTo("2026-11-30T14:15:00Z"))
                .body("events[2].reason", equalTo("dnc_list"));
    }

    @Test
    void filtersByKindAndPages() {
        team.request().get(CAMPAIGNS + campaign + "/audit?kind=skip").then().statusCode(200)
                .body("total", equalTo(1)).body("events", hasSize(1)).body("events[0].reason", equalTo("dnc_list"));
        team.request().get(CAMPAIGNS + campaign + "/audit?limit=2&offset=2").then().statusCode(200)
                .body("total", equalTo(4)).body("events.kind", equalTo(List.of("skip", "refusal")));
        team.request().get(CAMPAIGNS + campaign + "/audit?kind=attempts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
    }

    @Test
    void anotherTeamsCampaignAnswers404() {
        ApiClients.Team other = ApiClients.newTeam(keys);
        other.request().get(CAMPAIGNS + campaign + "/audit").then().statusCode(404).contentType("application/problem+json");
        other.request().get(CAMPAIGNS + campaign + "/audit.csv").then().statusCode(404)
                .contentType("application/problem+json");
        team.request().get(CAMPAIGNS + UUID.randomUUID() + "/audit").then().statusCode(404);
    }

    @Test
    void csvExportEscapesCellsASpreadsheetWouldRun() throws Exception {
        String body = team.request().accept("text/csv").get(CAMPAIGNS + campaign + "/audit.csv").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        List<CSVRecord> rows = new ArrayList<>(CSVFormat.RFC4180.parse(new StringReader(body)).getRecords());
        assertEquals(List.of("id", "at", "kind", "reason", "contactId", "campaignContactId", "callId", "phone",
                "localTimeAtCallee", "rulesVersion"), rows.get(0).toList());
        assertEquals(5, rows.size());
        CSVRecord attempt = rows.get(2);
        assertEquals("attempt", attempt.get(2));
        assertEquals(call.toString(), attempt.get(6));
        assertEquals("'+13055550123", attempt.get(7));
        assertEquals(LOCAL, attempt.get(8));
        CSVRecord refusal = rows.get(4);
        assertEquals("'=HYPERLINK(\"http://x\",\"a, b\")", refusal.get(3));
        assertEquals("'@evil", refusal.get(7));

        String skips = team.request().accept("text/csv").get(CAMPAIGNS + campaign + "/audit.csv?kind=skip").then()
                .statusCode(200).extract().asString();
        assertEquals(2, CSVFormat.RFC4180.parse(new StringReader(skips)).getRecords().size());
    }

    @Test
    void callRecordsGetTheCalleeLocalTimeOfTheirGrantedAttempt() {
        CallRecord granted = record(call.toString());
        CallRecord other = record(UUID.randomUUID().toString());
        List<CallRecord> enriched = audit.withLocalTimes(List.of(granted, other)).await().atMost(DB_WAIT);
        assertEquals(LOCAL, enriched.get(0).localTimeAtCallee());
        assertNull(enriched.get(1).localTimeAtCallee());
        assertEquals(granted.withLocalTimeAtCallee(LOCAL), enriched.get(0));
        assertEquals(other, enriched.get(1));
    }

    private CallRecord record(String id) {
        return new CallRecord(id, campaign, contact.toString(), member.toString(), 1, "+12025550100", "+13055550123",
                "ended", "answered", "hangup", null, Instant.parse("2026-11-30T14:15:01Z"), null, null, 12.0, 200, null);
    }
}
