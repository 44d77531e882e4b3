package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A contact's state and consent (API.md v1.1), and what changing where a contact is does to its campaign waits. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactComplianceApiTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String CONTACTS = "/api/crm/contacts";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private long contactRows() {
        return pool.preparedQuery("SELECT count(*) FROM contacts WHERE team_id = $1").execute(Tuple.of(team.teamId()))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    private String create(Map<String, Object> body) {
        return team.request().body(body).post(CONTACTS).then().statusCode(201).extract().path("id");
    }

    @Test
    void stateAndConsentRoundTripThroughCreateGetListAndPatch() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", "+13055550123");
        body.put("state", "fl");
        body.put("consent", Map.of("type", "express_written", "obtainedAt", "2026-03-01T10:00:00+01:00",
                "source", "web form 12"));
        String id = team.request().body(body).post(CONTACTS).then().statusCode(201)
                .body("state", equalTo("US-FL"))
                .body("consent.type", equalTo("express_written"))
                .body("consent.obtainedAt", equalTo("2026-03-01T09:00:00Z"))
                .body("consent.source", equalTo("web form 12"))
                .extract().path("id");
        team.request().get(CONTACTS + "/" + id).then().statusCode(200)
                .body("state", equalTo("US-FL")).body("consent.type", equalTo("express_written"));
        team.request().get(CONTACTS).then().statusCode(200)
                .body("contacts", hasSize(1)).body("contacts[0].state", equalTo("US-FL"))
                .body("contacts[0].consent.source", equalTo("web form 12"));

        // A given consent replaces the recorded one as a whole; other fields stay.
        team.request().body(Map.of("consent", Map.of("type", "none"), "state", "US-GA")).patch(CONTACTS + "/" + id)
                .then().statusCode(200)
                .body("state", equalTo("US-GA"))
                .body("consent.type", equalTo("none"))
                .body("consent.obtainedAt", nullValue())
                .body("consent.source", nullValue())
                .body("phone", equalTo("+13055550123"));
        team.request().body(Map.of("firstName", "Ann")).patch(CONTACTS + "/" + id).then().statusCode(200)
                .body("state", equalTo("US-GA")).body("consent.type", equalTo("none"));

        Row row = pool.preparedQuery("SELECT state, consent_type, consent_obtained_at, consent_source FROM contacts WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(DB_WAIT).iterator().next();
        assertEquals("US-GA", row.getString("state"));
        assertEquals("none", row.getString("consent_type"));
        assertNull(row.getValue("consent_obtained_at"));
    }

    @Test
    void aContactWithoutStateOrConsentShowsNulls() {
        String id = create(Map.of("phone", "+12025550123"));
        team.request().get(CONTACTS + "/" + id).then().statusCode(200)
                .body("state", nullValue()).body("consent", nullValue());
    }

    @Test
    void badStateOrConsentIsRefusedNamingTheFieldAndWritesNothing() {
        record Case(Map<String, Object> body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("phone", "+13055550123", "state", "Florida"), "state"),
                new Case(Map.of("phone", "+13055550123", "state", "ZZ"), "state"),
                new Case(Map.of("phone", "+13055550123", "consent", Map.of("type", "verbal")), "consent.type"),
                new Case(Map.of("phone", "+13055550123", "consent", Map.of("source", "web")), "consent.type"),
                new Case(Map.of("phone", "+13055550123", "consent", Map.of("type", 3)), "consent.type"),
                new Case(Map.of("phone", "+13055550123", "consent", Map.of("type", "express", "obtainedAt", "yesterday")),
                        "consent.obtainedAt"),
                new Case(Map.of("phone", "+13055550123", "consent", Map.of("type", "express", "when", "x")), "consent.when"),
                new Case(Map.of("phone", "+13055550123", "consent", "express"), "consent"),
                new Case(Map.of("phone", "+13055550123", "state", 12), "state"));
        for (Case c : cases) {
            team.request().body(c.body()).post(CONTACTS).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.field()));
        }
        assertEquals(0, contactRows());

        String id = create(Map.of("phone", "+13055550123", "state", "FL"));
        team.request().body(Map.of("state", "XX", "firstName", "Zed")).patch(CONTACTS + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        team.request().get(CONTACTS + "/" + id).then().body("state", equalTo("US-FL")).body("firstName", nullValue());
    }

    @Test
    void csvImportReadsStateAndConsentColumnsAndNamesTheColumnOfABadValue() {
        String csv = """
                phone,state,consentType,consentObtainedAt,consentSource
                +13055550101,FL,express_written,2026-01-02T03:04:05Z,signup
                +13055550102,US-OK,,,
                +13055550103,Narnia,express,,
                +13055550104,,sometimes,,
                +13055550105,,,2026-01-02T03:04:05Z,
                """;
        team.request().contentType("text/csv").body(csv).post(CONTACTS + "/import").then().statusCode(200)
                .body("imported", equalTo(2))
                .body("failed", equalTo(3))
                .body("errors.row", equalTo(List.of(3, 4, 5)))
                .body("errors.field", equalTo(List.of("state", "consentType", "consentType")));
        team.request().get(CONTACTS + "?search=0101").then()
                .body("contacts[0].state", equalTo("US-FL"))
                .body("contacts[0].consent.type", equalTo("express_written"))
                .body("contacts[0].consent.obtainedAt", equalTo("2026-01-02T03:04:05Z"))
                .body("contacts[0].consent.source", equalTo("signup"));
        team.request().get(CONTACTS + "?search=0102").then()
                .body("contacts[0].state", equalTo("US-OK")).body("contacts[0].consent", nullValue());
    }

    @Test
    void jsonImportReadsStateAndConsent() {
        String json = """
                {"contacts": [
                  {"phone": "+13055550111", "state": "MD", "consent": {"type": "express", "source": "call"}},
                  {"phone": "+13055550112", "consent": {"type": "express", "obtainedAt": 5}},
                  {"phone": "+13055550113", "consent": {"tipe": "express"}}
                ]}
                """;
        team.request().contentType(ContentType.JSON).body(json).post(CONTACTS + "/import").then().statusCode(200)
                .body("imported", equalTo(1))
                .body("failed", equalTo(2))
                .body("errors.field", equalTo(List.of("consent.obtainedAt", "consent.tipe", "consent.type")));
        team.request().get(CONTACTS).then().body("contacts[0].state", equalTo("US-MD"))
                .body("contacts[0].consent.type", equalTo("express"));
    }

    /** A contact in two campaigns: one membership waits for local hours, the other for its retry delay. */
    @Test
    void changingWhereTheContactIsReopensItsWaitsButKeepsARunningRetryDelay() {
        String contact = create(Map.of("phone", "+13055550123"));
        String waiting = membership(campaignWith(contact), contact);
        String retrying = membership(campaignWith(contact), contact);
        Instant later = Instant.now().plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant retryAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        setWait(waiting, later, null, "outside_local_hours");
        setWait(retrying, retryAt, retryAt, "retry_delay");

        // Not where the contact is: nothing is decided again.
        team.request().body(Map.of("firstName", "Ann", "consent", Map.of("type", "express"))).patch(CONTACTS + "/" + contact)
                .then().statusCode(200);
        assertEquals(Arrays.asList(later, "outside_local_hours"), waitOf(waiting));

        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("state", "FL"),
                Map.of("timezone", "America/Chicago"), Map.of("phone", "+13055550199"))) {
            setWait(waiting, later, null, "outside_local_hours");
            team.request().body(change).patch(CONTACTS + "/" + contact).then().statusCode(200);
            assertEquals(Arrays.asList(null, null), waitOf(waiting), change.toString());
            assertEquals(Arrays.asList(retryAt, "retry_delay"), waitOf(retrying), change.toString());
        }

        // The same value again changes nothing about where the contact is.
        setWait(waiting, later, null, "outside_local_hours");
        team.request().body(Map.of("state", "US-FL")).patch(CONTACTS + "/" + contact).then().statusCode(200);
        assertEquals(Arrays.asList(later, "outside_local_hours"), waitOf(waiting));
    }

    private String campaignWith(String contact) {
        String campaign = team.request().body(Map.of("name", "c")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        team.request().body(Map.of("contactIds", List.of(contact))).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(200).body("added", equalTo(1));
        return campaign;
    }

    private String membership(String campaign, String contact) {
        return pool.preparedQuery("SELECT id FROM campaign_contacts WHERE campaign_id = $1 AND contact_id = $2")
                .execute(Tuple.of(UUID.fromString(campaign), UUID.fromString(contact))).await().atMost(DB_WAIT)
                .iterator().next().getUUID("id").toString();
    }

    private void setWait(String member, Instant nextEligibleAt, Instant nextAttemptAt, String reason) {
        pool.preparedQuery("UPDATE campaign_contacts SET next_eligible_at = $2, next_attempt_at = $3, wait_reason = $4"
                + " WHERE id = $1").execute(Tuple.of(UUID.fromString(member), utc(nextEligibleAt), utc(nextAttemptAt), reason))
                .await().atMost(DB_WAIT);
    }

    private List<Object> waitOf(String member) {
        Row row = pool.preparedQuery("SELECT next_eligible_at, wait_reason FROM campaign_contacts WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(member))).await().atMost(DB_WAIT).iterator().next();
        OffsetDateTime at = row.getOffsetDateTime("next_eligible_at");
        return Arrays.asList(at == null ? null : at.toInstant(), row.getString("wait_reason"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
