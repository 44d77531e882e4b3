package io.outdial.campaign.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.persistence.CampaignReads;
import io.outdial.testsupport.DaytimeZones;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The campaign endpoints, one test per statement of the vendor page and API.md. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignApiTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    @Inject
    CampaignReads reads;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private String create(Map<String, Object> body) {
        return team.request().body(body).post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
    }

    /** A campaign a run can dial: a caller ID and one contact. */
    private String dialable(String name) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "fromNumberIds", List.of(phoneNumber("+12025550190"))));
        String id = create(body);
        team.request().body(Map.of("contactIds", List.of(contact("+12025550191", false))))
                .post("/api/crm/campaigns/" + id + "/contacts").then().statusCode(200);
        return id;
    }

    private String phoneNumber(String number) {
        return team.request().body(Map.of("number", number)).post("/api/crm/phone-numbers").then().statusCode(201)
                .extract().path("id");
    }

    /**
     * A contact row written straight to the team's CRM table (the contacts API is tested on its own),
     * placed where it is midday now so that its legal calling hours hold whenever the test runs.
     */
    private String contact(String phone, boolean doNotCall) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contacts (id, team_id, first_name, phone, do_not_call, timezone) VALUES ($1, $2, 'C', $3, $4, $5)")
                .execute(Tuple.of(id, team.teamId(), phone, doNotCall, DaytimeZones.now(13))).await().atMost(DB_WAIT);
        return id.toString();
    }

    private void forceStatus(String campaignId, String status) {
        pool.preparedQuery("UPDATE campaigns SET status = $2 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(campaignId), status)).await().atMost(DB_WAIT);
    }

    @Test
    void createAppliesTheDocumentedDefaults() {
        team.request().body(Map.of("name", "Spring renewals")).post("/api/crm/campaigns")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("teamId", equalTo(team.teamId()))
                .body("status", equalTo("draft"))
                .body("maxConcurrentCalls", equalTo(3))
                .body("maxRetries", equalTo(3))
                .body("retryDelayMinutes", equalTo(60))
                .body("callWindowStart", equalTo("09:00"))
                .body("callWindowEnd", equalTo("17:00"))
                .body("callWindowTimezone", equalTo("America/New_York"))
                .body("totalContacts", equalTo(0))
                .body("contactsCalled", equalTo(0))
                .body("contactsCompleted", equalTo(0))
                .body("contactsAnswered", equalTo(0))
                .body("deletedAt", nullValue())
                .body("fromNumberIds", empty())
                .body("ringTimeoutSeconds", equalTo(30))
                .body("maxCallDurationSeconds", equalTo(1800))
                .body("retryRules", equalTo(Map.of()))
                .body("variables", equalTo(Map.of()))
                .body("pauseReason", nullValue());
    }

    /**
     * Reads (get, list) come from SQL rows, a creation answers from the entity it saved: every field
     * must read back as written, JSON columns, caller IDs in rotation order and timestamps included.
     */
    @Test
    void aCampaignReadsBackExactlyAsItWasWritten() {
        String first = phoneNumber("+12025550180");
        String second = phoneNumber("+12025550181");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "round trip");
        body.put("description", "every field set");
        body.put("assistantId", "asst-7");
        body.put("companyId", "co-3");
        body.put("fromNumberIds", List.of(second, first));
        body.put("callWindowStart", "08:30");
        body.put("callWindowEnd", "19:45");
        body.put("callWindowTimezone", "America/Chicago");
        body.put("maxConcurrentCalls", 7);
        body.put("maxRetries", 4);
        body.put("retryDelayMinutes", 90);
        body.put("ringTimeoutSeconds", 25);
        body.put("maxCallDurationSeconds", 600);
        body.put("retryRules", Map.of("busy", Map.of("delayMinutes", 15, "maxAttempts", 3), "voicemail", Map.of("maxAttempts", 1)));
        body.put("settings", Map.of("tone", "warm", "limits", Map.of("daily", 500, "ratio", 1.5), "tags", List.of("a", "b")));
        body.put("variables", Map.of("offer", "spring20"));
        body.put("scheduledStartAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> created = team.request().body(body).post("/api/crm/campaigns").then().statusCode(201)
                .extract().jsonPath().getMap("");
        String id = (String) created.get("id");
        assertEquals(List.of(second, first), created.get("fromNumberIds"));
        assertEquals("+12025550181", created.get("fromNumber"));

        Map<String, Object> read = team.request().get("/api/crm/campaigns/" + id).then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Object> listed = team.request().get("/api/crm/campaigns").then().statusCode(200).extract().jsonPath()
                .getMap("campaigns.find { it.id == '" + id + "' }");
        assertEquals(withoutTimes(created), withoutTimes(read));
        assertEquals(read, listed);
        for (String time : List.of("createdAt", "updatedAt", "scheduledStartAt")) {
            assertEquals(Instant.parse((String) created.get(time)).truncatedTo(ChronoUnit.MICROS), Instant.parse((String) read.get(time)),
                    time + ": the database keeps microseconds");
        }
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> campaign) {
        Map<String, Object> rest = new HashMap<>(campaign);
        List.of("createdAt", "updatedAt", "scheduledStartAt").forEach(rest::remove);
        return rest;
    }

    @Test
    void variablesAreKeptReplacedWholeByAPatchAndFixedWhileRunning() {
        String id = team.request().body(Map.of("name", "vars", "variables", Map.of("offer", "spring20", "agentName", "Mia")))
                .post("/api/crm/campaigns").then().statusCode(201)
                .body("variables", equalTo(Map.of("offer", "spring20", "agentName", "Mia")))
                .extract().path("id");
        team.request().body(Map.of("variables", Map.of("offer", "summer10"))).patch("/api/crm/campaigns/" + id)
                .then().statusCode(200).body("variables", equalTo(Map.of("offer", "summer10")));
        team.request().get("/api/crm/campaigns/" + id).then().statusCode(200)
                .body("variables", equalTo(Map.of("offer", "summer10")));
        forceStatus(id, "running");
        team.request().body(Map.of("variables", Map.of("offer", "x"))).patch("/api/crm/campaigns/" + id).then().statusCode(409)
                .body("errors[0].field", equalTo("variables"));
    }

    @Test
    void retryRulesAndCallLimitsAreKeptAndRetryRulesMayChangeWhileRunning() {
        String id = team.request().body(Map.of("name", "rules", "ringTimeoutSeconds", 25, "maxCallDurationSeconds", 600,
                "retryRules", Map.of("busy", Map.of("delayMinutes", 15, "maxAttempts", 3), "voicemail", Map.of("maxAttempts", 1))))
                .post("/api/crm/campaigns").then().statusCode(201)
                .body("ringTimeoutSeconds", equalTo(25))
                .body("maxCallDurationSeconds", equalTo(600))
                .body("retryRules.busy.delayMinutes", equalTo(15))
                .body("retryRules.busy.maxAttempts", equalTo(3))
                .body("retryRules.voicemail.maxAttempts", equalTo(1))
                .body("retryRules.voicemail.delayMinutes", nullValue())
                .extract().path("id");
        forceStatus(id, "running");
        team.request().body(Map.of("retryRules", Map.of("no_answer", Map.of("delayMinutes", 240))))
                .patch("/api/crm/campaigns/" + id).then().statusCode(200)
                .body("retryRules.no_answer.delayMinutes", equalTo(240))
                .body("retryRules.busy", nullValue());
        team.request().body(Map.of("ringTimeoutSeconds", 40)).patch("/api/crm/campaigns/" + id).then().statusCode(409)
                .body("errors[0].field", equalTo("ringTimeoutSeconds"));
    }

    @Test
    void createTakesEveryDocumentedFieldAndAliases() {
        String n1 = phoneNumber("+12025550141");
        String n2 = phoneNumber("+12025550142");
        Map<String, Object> body = new HashMap<>();
        body.put("teamId", team.teamId());
        body.put("assistantId", "asst-1");
        body.put("companyId", "co-1");
        body.put("phoneNumberIds", List.of(n2, n1));
        body.put("name", "Night shift");
        body.put("description", "late callers");
        body.put("callWindowStart", "22:00");
        body.put("callWindowEnd", "02:00");
        body.put("timezone", "Europe/Berlin");
        body.put("maxConcurrentCalls", 7);
        body.put("maxRetries", 0);
        body.put("retryDelayMinutes", 15);
        body.put("settings", Map.of("voice", "alloy", "nested", Map.of("x", 1)));
        team.request().body(body).post("/api/crm/campaigns")
                .then().statusCode(201)
                .body("assistantId", equalTo("asst-1"))
                .body("companyId", equalTo("co-1"))
                .body("fromNumberIds", equalTo(List.of(n2, n1)))
                .body("fromNumber", equalTo("+12025550142"))
                .body("description", equalTo("late callers"))
                .body("callWindowStart", equalTo("22:00"))
                .body("callWindowEnd", equalTo("02:00"))
                .body("callWindowTimezone", equalTo("Europe/Berlin"))
                .body("maxConcurrentCalls", equalTo(7))
                .body("maxRetries", equalTo(0))
                .body("retryDelayMinutes", equalTo(15))
                .body("settings.voice", equalTo("alloy"))
                .body("settings.nested.x", equalTo(1));
    }

    @Test
    void futureScheduledStartMakesItScheduled() {
        String at = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        team.request().body(Map.of("name", "Later", "scheduledStartAt", at)).post("/api/crm/campaigns")
                .then().statusCode(201).body("status", equalTo("scheduled")).body("scheduledStartAt", equalTo(at));
    }

    @Test
    void anotherTeamsNumberCannotBeUsed() {
        ApiClients.Team other = ApiClients.newTeam(keys);
        String theirs = other.request().body(Map.of("number", "+12025550143")).post("/api/crm/phone-numbers")
                .then().statusCode(201).extract().path("id");
        team.request().body(Map.of("name", "x", "fromNumberIds", List.of(theirs))).post("/api/crm/campaigns")
                .then().statusCode(400).body("errors[0].field", equalTo("fromNumberIds[0]"));
    }

    @Test
    void listFiltersByStatusAndAssistantWithTotals() {
        String a = create(Map.of("name", "a", "assistantId", "asst-A"));
        create(Map.of("name", "b", "assistantId", "asst-B"));
        String c = create(Map.of("name", "c", "assistantId", "asst-A"));
        forceStatus(c, "paused");

        team.request().get("/api/crm/campaigns").then().statusCode(200)
                .body("total", equalTo(3)).body("limit", equalTo(50)).body("offset", equalTo(0))
                .body("campaigns", hasSize(3));
        team.request().get("/api/crm/campaigns?status=paused").then().body("total", equalTo(1))
                .body("campaigns[0].id", equalTo(c));
        team.request().get("/api/crm/campaigns?assistantId=asst-A").then().body("total", equalTo(2))
                .body("campaigns.id", containsInAnyOrder(a, c));
        team.request().get("/api/crm/campaigns?assistantId=asst-A&status=draft").then().body("total", equalTo(1))
                .body("campaigns[0].id", equalTo(a));
        team.request().get("/api/crm/campaigns?teamId=" + team.teamId()).then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void paginationKeepsTheTotalAndPagesDoNotOverlap() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(Map.of("name", "p" + i)));
        }
        List<String> page1 = team.request().get("/api/crm/campaigns?limit=2&offset=0").then()
                .body("total", equalTo(5)).body("limit", equalTo(2)).extract().path("campaigns.id");
        List<String> page2 = team.request().get("/api/crm/campaigns?limit=2&offset=2").then()
                .body("total", equalTo(5)).body("offset", equalTo(2)).extract().path("campaigns.id");
        List<String> page3 = team.request().get("/api/crm/campaigns?limit=2&offset=4").then()
                .body("total", equalTo(5)).extract().path("campaigns.id");
        List<String> all = new ArrayList<>(page1);
        all.addAll(page2);
        all.addAll(page3);
        assertEquals(5, all.size());
        assertEquals(5, all.stream().distinct().count());
        team.request().get("/api/crm/campaigns?limit=501").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void totalsFromTheTalliesMatchTheRowsBeforeAndAfterAFold() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create(Map.of("name", "t" + i)));
        }
        forceStatus(ids.get(0), "paused");
        forceStatus(ids.get(1), "paused");
        forceStatus(ids.get(1), "running");
        team.request().delete("/api/crm/campaigns/" + ids.get(2)).then().statusCode(204);
        team.request().delete("/api/crm/campaigns/" + ids.get(4)).then().statusCode(204);
        // An update that names status without changing it moves nothing.
        pool.preparedQuery("UPDATE campaigns SET status = status, contacts_called = contacts_called + 1 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(ids.get(3)))).await().atMost(DB_WAIT);

        assertTotalsMatchTheRows();
        long rowsBefore = tallyRows();
        reads.compactTallies().await().atMost(DB_WAIT);
        long keys = pool.preparedQuery("SELECT count(DISTINCT (status, deleted)) FROM campaign_tallies WHERE team_id = $1")
                .execute(Tuple.of(team.teamId())).await().atMost(DB_WAIT).iterator().next().getLong(0);
        assertTrue(rowsBefore > keys, "the tallies had rows to fold: " + rowsBefore);
        assertEquals(keys, tallyRows());
        assertTotalsMatchTheRows();
    }

    private long tallyRows() {
        return pool.preparedQuery("SELECT count(*) FROM campaign_tallies WHERE team_id = $1")
                .execute(Tuple.of(team.teamId())).await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    /** Every status filter and deleted mode: the list's total is the team's rows that match, counted directly. */
    private void assertTotalsMatchTheRows() {
        for (String status : new String[] { null, "draft", "scheduled", "running", "paused", "completed", "cancelled" }) {
            for (String deleted : new String[] { "exclude", "include", "only" }) {
                String condition = switch (deleted) {
                    case "exclude" -> "deleted_at IS NULL";
                    case "only" -> "deleted_at IS NOT NULL";
                    default -> "true";
                };
                long rows = pool.preparedQuery("SELECT count(*) FROM campaigns WHERE team_id = $1 AND ($2::text IS NULL OR status = $2) AND "
                        + condition).execute(Tuple.of(team.teamId(), status)).await().atMost(DB_WAIT).iterator().next().getLong(0);
                String query = "/api/crm/campaigns?deleted=" + deleted + (status == null ? "" : "&status=" + status);
                int total = team.request().get(query).then().statusCode(200).extract().path("total");
                assertEquals(rows, total, query);
            }
        }
    }

    @Test
    void deletedModesExcludeIncludeAndOnly() {
        String kept = create(Map.of("name", "kept"));
        String gone = create(Map.of("name", "gone"));
        team.request().delete("/api/crm/campaigns/" + gone).then().statusCode(204);

        team.request().get("/api/crm/campaigns").then().body("total", equalTo(1)).body("campaigns[0].id", equalTo(kept));
        team.request().get("/api/crm/campaigns?deleted=exclude").then().body("total", equalTo(1));
        team.request().get("/api/crm/campaigns?deleted=include").then().body("total", equalTo(2));
        team.request().get("/api/crm/campaigns?deleted=only").then().body("total", equalTo(1))
                .body("campaigns[0].id", equalTo(gone)).body("campaigns[0].deletedAt", notNullValue());
        team.request().get("/api/crm/campaigns/" + gone).then().statusCode(404);
        team.request().get("/api/crm/campaigns?deleted=maybe").then().statusCode(400).body("errors[0].field", equalTo("deleted"));
    }

    @Test
    void deleteIsRefusedWhileRunningPausedOrScheduled() {
        for (String status : List.of("running", "paused", "scheduled")) {
            String id = create(Map.of("name", status));
            forceStatus(id, status);
            team.request().delete("/api/crm/campaigns/" + id).then().statusCode(409).contentType("application/problem+json");
        }
        String completed = create(Map.of("name", "done"));
        forceStatus(completed, "completed");
        team.request().delete("/api/crm/campaigns/" + completed).then().statusCode(204);
    }

    @Test
    void pauseResumeCancelFollowTheStateMachine() {
        // A contact left to call keeps the resumed campaign running (one with nothing left completes).
        String id = dialable("lifecycle");
        // draft cannot be paused or resumed
        team.request().post("/api/crm/campaigns/" + id + "/pause").then().statusCode(409)
                .body("currentStatus", equalTo("draft")).body("requestedStatus", equalTo("paused"));
        team.request().post("/api/crm/campaigns/" + id + "/resume").then().statusCode(409)
                .body("currentStatus", equalTo("draft"));
        forceStatus(id, "running");
        team.request().post("/api/crm/campaigns/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        team.request().post("/api/crm/campaigns/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        team.request().post("/api/crm/campaigns/" + id + "/resume").then().statusCode(200).body("status", equalTo("running"));
        team.request().body(Map.of("status", "paused")).patch("/api/crm/campaigns/" + id).then().statusCode(200)
                .body("status", equalTo("paused"));
        team.request().post("/api/crm/campaigns/" + id + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        team.request().post("/api/crm/campaigns/" + id + "/resume").then().statusCode(409)
                .body("currentStatus", equalTo("cancelled"));
        team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + id + "/run")
                .then().statusCode(409).body("currentStatus", equalTo("cancelled"));
        team.request().body(Map.of("status", "running")).patch("/api/crm/campaigns/" + id).then().statusCode(409);
    }

    @Test
    void aCampaignWhoseCallsAllSettledWhilePausedCompletesWhenResumed() throws InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("name", "settled while paused",
                "fromNumberIds", List.of(phoneNumber("+12025550192")), "callWindowStart", "00:00", "callWindowEnd", "23:59",
                "callWindowTimezone", "Etc/UTC"));
        String id = create(body);
        team.request().body(Map.of("contactIds", List.of(contact("+12025550193", false))))
                .post("/api/crm/campaigns/" + id + "/contacts").then().statusCode(200);
        forceStatus(id, "paused");
        pool.preparedQuery("UPDATE campaign_contacts SET status = 'completed', outcome = 'answered' WHERE campaign_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(DB_WAIT);

        team.request().post("/api/crm/campaigns/" + id + "/resume").then().statusCode(200);
        String status = null;
        for (int i = 0; i < 100 && !"completed".equals(status); i++) {
            Thread.sleep(100);
            status = team.request().get("/api/crm/campaigns/" + id).then().statusCode(200).extract().path("status");
        }
        assertEquals("completed", status, "nothing was left to call once resumed");
    }

    @Test
    void completedCampaignCannotBeCancelledButCanRunAgain() {
        String id = dialable("done");
        forceStatus(id, "completed");
        team.request().post("/api/crm/campaigns/" + id + "/cancel").then().statusCode(409)
                .body("currentStatus", equalTo("completed")).body("requestedStatus", equalTo("cancelled"));
        team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + id + "/run")
                .then().statusCode(200).body("dryRun", equalTo(false));
        team.request().get("/api/crm/campaigns/" + id).then().body("status", equalTo("running"));
    }

    @Test
    void cancellingCancelsContactsNotYetDialed() {
        String id = create(Map.of("name", "c"));
        String a = contact("+12025550150", false);
        team.request().body(Map.of("contactIds", List.of(a))).post("/api/crm/campaigns/" + id + "/contacts")
                .then().statusCode(200).body("added", equalTo(1));
        team.request().post("/api/crm/campaigns/" + id + "/cancel").then().statusCode(200);
        team.request().get("/api/crm/campaigns/" + id + "/contacts").then()
                .body("contacts[0].status", equalTo("cancelled"))
                .body("statusCounts.cancelled", equalTo(1))
                .body("statusCounts.pending", equalTo(0));
    }

    @Test
    void patchChangesConfigInDraftAndOnlyCapWindowRetriesWhileRunning() {
        String id = create(Map.of("name", "patch me"));
        team.request().body(Map.of("name", "renamed", "maxConcurrentCalls", 5, "callWindowStart", "08:00"))
                .patch("/api/crm/campaigns/" + id).then().statusCode(200)
                .body("name", equalTo("renamed")).body("maxConcurrentCalls", equalTo(5))
                .body("callWindowStart", equalTo("08:00")).body("callWindowEnd", equalTo("17:00"));
        forceStatus(id, "running");
        team.request().body(Map.of("maxConcurrentCalls", 9, "maxRetries", 1, "retryDelayMinutes", 5, "callWindowEnd", "20:00"))
                .patch("/api/crm/campaigns/" + id).then().statusCode(200)
                .body("maxConcurrentCalls", equalTo(9)).body("maxRetries", equalTo(1)).body("callWindowEnd", equalTo("20:00"));
        team.request().body(Map.of("name", "not now")).patch("/api/crm/campaigns/" + id).then().statusCode(409)
                .body("errors[0].field", equalTo("name"));
        team.request().get("/api/crm/campaigns/" + id).then().body("name", equalTo("renamed"));
        team.request().body(Map.of("callWindowEnd", "08:00")).patch("/api/crm/campaigns/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("callWindowEnd"));
    }

    @Test
    void contactsAreAddedReportedListedAndRemoved() {
        String id = create(Map.of("name", "members"));
        String a = contact("+12025550160", false);
        String b = contact("+12025550161", false);
        String dnc = contact("+12025550162", true);
        String unknown = UUID.randomUUID().toString();
        ApiClients.Team other = ApiClients.newTeam(keys);
        UUID theirs = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contacts (id, team_id, phone) VALUES ($1, $2, '+12025550163')")
                .execute(Tuple.of(theirs, other.teamId())).await().atMost(DB_WAIT);

        team.request().body(Map.of("contactIds", List.of(a, b, dnc, unknown, theirs.toString(), "not-an-id")))
                .post("/api/crm/campaigns/" + id + "/contacts").then().statusCode(200)
                .body("added", equalTo(3))
                .body("alreadyInCampaign", equalTo(0))
                .body("invalid.contactId", containsInAnyOrder(unknown, theirs.toString(), "not-an-id"))
                .body("invalid.reason", containsInAnyOrder("not_found", "not_found", "not_found"))
                .body("totalContacts", equalTo(3));
        team.request().body(Map.of("contactIds", List.of(a))).post("/api/crm/campaigns/" + id + "/contacts")
                .then().body("added", equalTo(0)).body("alreadyInCampaign", equalTo(1)).body("totalContacts", equalTo(3));

        team.request().get("/api/crm/campaigns/" + id + "/contacts").then().statusCode(200)
                .body("total", equalTo(3))
                .body("statusCounts.pending", equalTo(2))
                .body("statusCounts.skipped", equalTo(1));
        team.request().get("/api/crm/campaigns/" + id + "/contacts?status=skipped").then()
                .body("contacts", hasSize(1)).body("contacts[0].contactId", equalTo(dnc))
                .body("contacts[0].outcome", equalTo("do_not_call"));

        pool.preparedQuery("UPDATE campaign_contacts SET status = 'calling' WHERE contact_id = $1")
                .execute(Tuple.of(UUID.fromString(b))).await().atMost(DB_WAIT);
        team.request().delete("/api/crm/campaigns/" + id + "/contacts/" + b).then().statusCode(409);
        team.request().delete("/api/crm/campaigns/" + id + "/contacts/" + a).then().statusCode(204);
        team.request().get("/api/crm/campaigns/" + id).then().body("totalContacts", equalTo(2));
        team.request().delete("/api/crm/campaigns/" + id + "/contacts/" + a).then().statusCode(404);
    }

    @Test
    void dryRunListsCallsWithRotatingCallerIdsAndChangesNothing() {
        String n1 = phoneNumber("+12025550171");
        String n2 = phoneNumber("+12025550172");
        String id = create(Map.of("name", "dry", "fromNumberIds", List.of(n1, n2), "maxConcurrentCalls", 3,
                "callWindowStart", "00:00", "callWindowEnd", "23:59", "callWindowTimezone", "Etc/UTC"));
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contacts.add(contact("+1202555018" + i, false));
        }
        String dnc = contact("+12025550189", true);
        contacts.add(dnc);
        team.request().body(Map.of("contactIds", contacts)).post("/api/crm/campaigns/" + id + "/contacts").then().statusCode(200);

        var response = team.request().body(Map.of("accountSlug", team.accountSlug(), "dryRun", true))
                .post("/api/crm/campaigns/" + id + "/run").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("started", equalTo(3))
                .body("failed", equalTo(1))
                .body("calls", hasSize(3))
                .body("calls.fromNumber", equalTo(List.of("+12025550171", "+12025550172", "+12025550171")))
                .body("calls[0].toNumber", equalTo("+12025550180"))
                .body("errors[0]", containsString("do_not_call"))
                .body("message", containsString("3 call(s) would start"))
                .extract().asString();
        assertNotEquals("", response);
        team.request().get("/api/crm/campaigns/" + id).then().body("status", equalTo("draft"));
        team.request().get("/api/crm/campaigns/" + id + "/contacts").then().body("statusCounts.pending", equalTo(4));

        team.request().body(Map.of("accountSlug", team.accountSlug(), "dryRun", true, "maxCalls", 1))
                .post("/api/crm/campaigns/" + id + "/run").then().statusCode(200).body("started", equalTo(1));
    }

    @Test
    void dryRunOutsideTheWindowSaysWhenItOpens() {
        String n1 = phoneNumber("+12025550173");
        // A one-minute window twelve hours from now is closed now.
        var now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        String start = now.plusHours(12).withSecond(0).withNano(0).toString().substring(0, 5);
        String end = now.plusHours(12).plusMinutes(1).withSecond(0).withNano(0).toString().substring(0, 5);
        String id = create(Map.of("name", "closed", "fromNumberIds", List.of(n1), "callWindowStart", start,
                "callWindowEnd", end, "callWindowTimezone", "Etc/UTC"));
        team.request().body(Map.of("contactIds", List.of(contact("+12025550174", false))))
                .post("/api/crm/campaigns/" + id + "/contacts").then().statusCode(200);
        team.request().body(Map.of("accountSlug", team.accountSlug(), "dryRun", true))
                .post("/api/crm/campaigns/" + id + "/run").then().statusCode(200)
                .body("started", equalTo(0))
                .body("calls", empty())
                .body("message", containsString("opens at"))
                .body("errors[0]", containsString("outside the call window"));
    }

    @Test
    void runChecksTheAccountSlugAndMovesToRunning() {
        String id = dialable("run");
        team.request().body(Map.of()).post("/api/crm/campaigns/" + id + "/run").then().statusCode(400)
                .body("errors[0].field", equalTo("accountSlug"));
        team.request().body(Map.of("accountSlug", "someone-else")).post("/api/crm/campaigns/" + id + "/run")
                .then().statusCode(403).body("errors[0].field", equalTo("accountSlug"));
        team.request().get("/api/crm/campaigns/" + id).then().body("status", equalTo("draft"));
        team.request().body(Map.of("accountSlug", team.accountSlug(), "limit", 10)).post("/api/crm/campaigns/" + id + "/run")
                .then().statusCode(200).body("dryRun", equalTo(false));
        team.request().get("/api/crm/campaigns/" + id).then().body("status", equalTo("running"))
                .body("startedAt", notNullValue());
    }

    @Test
    void aRunThatCouldDialNobodyIsRefusedAndTheStatusStays() {
        String noNumbers = create(Map.of("name", "no caller id"));
        team.request().body(Map.of("contactIds", List.of(contact("+12025550192", false))))
                .post("/api/crm/campaigns/" + noNumbers + "/contacts").then().statusCode(200);
        team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + noNumbers + "/run")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("fromNumberIds")).body("currentStatus", equalTo("draft"));
        team.request().get("/api/crm/campaigns/" + noNumbers).then().body("status", equalTo("draft"));

        String noContacts = create(Map.of("name", "nobody", "fromNumberIds", List.of(phoneNumber("+12025550193"))));
        team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + noContacts + "/run")
                .then().statusCode(409).body("errors[0].field", equalTo("contacts"));
        team.request().get("/api/crm/campaigns/" + noContacts).then().body("status", equalTo("draft"));
    }

    @Test
    void runOnADeletedCampaignIsNotFound() {
        String id = create(Map.of("name", "deleted"));
        team.request().delete("/api/crm/campaigns/" + id).then().statusCode(204);
        team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + id + "/run")
                .then().statusCode(404);
    }
}
