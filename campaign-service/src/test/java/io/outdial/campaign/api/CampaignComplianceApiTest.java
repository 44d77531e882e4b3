package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.domain.eligibility.ComplianceProfile;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** complianceProfile, complianceOptOut and requireConsent of a campaign (API.md v1.1). */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignComplianceApiTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String CAMPAIGNS = "/api/crm/campaigns";
    /** The field the refusal of "none" without an opt-out names: ComplianceProfile.validate is the one place of the rule. */
    private static final String NONE_WITHOUT_OPT_OUT = ComplianceProfile.validate("none", false).orElseThrow().field();

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private String create(Map<String, Object> body) {
        return team.request().body(body).post(CAMPAIGNS).then().statusCode(201).extract().path("id");
    }

    private long campaignRows() {
        return pool.preparedQuery("SELECT count(*) FROM campaigns WHERE team_id = $1").execute(Tuple.of(team.teamId()))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    private void forceStatus(String campaignId, String status) {
        pool.preparedQuery("UPDATE campaigns SET status = $2 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(campaignId), status)).await().atMost(DB_WAIT);
    }

    @Test
    void defaultsAreTheSafeRuleSetNoOptOutAndNoConsentRequired() {
        String id = create(Map.of("name", "defaults"));
        team.request().get(CAMPAIGNS + "/" + id).then().statusCode(200)
                .body("complianceProfile", nullValue())
                .body("complianceOptOut", equalTo(false))
                .body("requireConsent", equalTo(false));
    }

    @Test
    void theFieldsRoundTripThroughCreateGetListAndPatch() {
        String id = team.request().body(Map.of("name", "opted out", "complianceProfile", "none", "complianceOptOut", true,
                "requireConsent", true)).post(CAMPAIGNS).then().statusCode(201)
                .body("complianceProfile", equalTo("none"))
                .body("complianceOptOut", equalTo(true))
                .body("requireConsent", equalTo(true))
                .extract().path("id");
        team.request().get(CAMPAIGNS).then().statusCode(200)
                .body("campaigns[0].complianceProfile", equalTo("none"))
                .body("campaigns[0].requireConsent", equalTo(true));
        team.request().body(Map.of("complianceProfile", "us_tcpa", "complianceOptOut", false, "requireConsent", false))
                .patch(CAMPAIGNS + "/" + id).then().statusCode(200)
                .body("complianceProfile", equalTo("us_tcpa"))
                .body("complianceOptOut", equalTo(false))
                .body("requireConsent", equalTo(false));
        Row row = pool.preparedQuery("SELECT compliance_profile, compliance_opt_out, require_consent FROM campaigns WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(DB_WAIT).iterator().next();
        assertEquals(List.of("us_tcpa", false, false), List.of(row.getString(0), row.getBoolean(1), row.getBoolean(2)));
    }

    @Test
    void noneWithoutTheOptOutIsRefusedAndNothingIsWritten() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("name", "x", "complianceProfile", "none"),
                Map.of("name", "x", "complianceProfile", "none", "complianceOptOut", false))) {
            team.request().body(body).post(CAMPAIGNS).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(NONE_WITHOUT_OPT_OUT));
        }
        team.request().body(Map.of("name", "x", "complianceProfile", "relaxed", "complianceOptOut", true)).post(CAMPAIGNS)
                .then().statusCode(400).body("errors[0].field", equalTo("complianceProfile"));
        team.request().body(Map.of("name", "x", "requireConsent", "yes")).post(CAMPAIGNS)
                .then().statusCode(400).body("errors[0].field", equalTo("requireConsent"));
        assertEquals(0, campaignRows());
    }

    @Test
    void aPatchIsCheckedAgainstTheStoredOtherHalf() {
        String id = create(Map.of("name", "p"));
        team.request().body(Map.of("complianceProfile", "none", "name", "renamed")).patch(CAMPAIGNS + "/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo(NONE_WITHOUT_OPT_OUT));
        team.request().get(CAMPAIGNS + "/" + id).then().body("complianceProfile", nullValue()).body("name", equalTo("p"));

        team.request().body(Map.of("complianceOptOut", true)).patch(CAMPAIGNS + "/" + id).then().statusCode(200);
        team.request().body(Map.of("complianceProfile", "none")).patch(CAMPAIGNS + "/" + id).then().statusCode(200)
                .body("complianceProfile", equalTo("none"));
        team.request().body(Map.of("complianceOptOut", false)).patch(CAMPAIGNS + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo(NONE_WITHOUT_OPT_OUT));
        team.request().get(CAMPAIGNS + "/" + id).then().body("complianceOptOut", equalTo(true));
    }

    @Test
    void theyMayChangeWhileRunningLikeTheWindow() {
        String id = create(Map.of("name", "r"));
        forceStatus(id, "running");
        team.request().body(Map.of("requireConsent", true, "complianceProfile", "us_tcpa", "complianceOptOut", false))
                .patch(CAMPAIGNS + "/" + id).then().statusCode(200)
                .body("requireConsent", equalTo(true)).body("status", equalTo("running"));
        forceStatus(id, "completed");
        team.request().body(Map.of("requireConsent", false)).patch(CAMPAIGNS + "/" + id).then().statusCode(409)
                .body("errors[0].field", equalTo("requireConsent"));
    }

    @Test
    void changingTheWindowOrRuleSetReopensWaitingContactsButKeepsARunningRetryDelay() {
        String id = create(Map.of("name", "w"));
        String waiting = member(id, "+13055550131");
        String retrying = member(id, "+13055550132");
        Instant later = Instant.now().plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant retryAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        setWait(waiting, later, null, "campaign_window");
        setWait(retrying, retryAt, retryAt, "retry_delay");

        team.request().body(Map.of("maxRetries", 1)).patch(CAMPAIGNS + "/" + id).then().statusCode(200);
        assertEquals(Arrays.asList(later, "campaign_window"), waitOf(waiting));

        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("callWindowEnd", "20:00"),
                Map.of("callWindowTimezone", "America/Chicago"), Map.of("complianceOptOut", true),
                Map.of("complianceProfile", "none"))) {
            setWait(waiting, later, null, "campaign_window");
            team.request().body(change).patch(CAMPAIGNS + "/" + id).then().statusCode(200);
            assertEquals(Arrays.asList(null, null), waitOf(waiting), change.toString());
            assertEquals(Arrays.asList(retryAt, "retry_delay"), waitOf(retrying), change.toString());
        }
    }

    private String member(String campaign, String phone) {
        String contact = team.request().body(Map.of("phone", phone)).post("/api/crm/contacts").then().statusCode(201)
                .extract().path("id");
        team.request().body(Map.of("contactIds", List.of(contact))).post(CAMPAIGNS + "/" + campaign + "/contacts")
                .then().statusCode(200).body("added", equalTo(1));
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
