package io.outdial.campaign.webhooks;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.api.ApiClients;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallOutcome;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * With the operator's defaults (https only, no private targets) endpoints on this machine or a
 * private network are refused when registered and again when delivered to; and, with the give-up
 * period compressed to seconds, an endpoint that never accepts is disabled with its reason.
 */
@QuarkusTest
@TestProfile(WebhookTargetRefusalTest.StrictTargets.class)
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookTargetRefusalTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    public static class StrictTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outdial.webhooks.allow-private-targets", "false", "outdial.webhooks.allow-http", "false",
                    "outdial.webhooks.give-up-after", "PT5S");
        }
    }

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    private final EventTopics topics = new EventTopics();

    @Test
    void endpointsOnLoopbackPrivateOrLinkLocalAddressesAreRefusedAtRegistration() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        Map<String, String> refused = Map.of(
                "https://127.0.0.1/hook", "loopback",
                "https://localhost:8443/hook", "loopback",
                "https://[::1]/hook", "loopback",
                "https://10.20.30.40/hook", "private",
                "https://192.168.0.10/hook", "private",
                "https://[fd00::5]/hook", "private",
                "https://169.254.169.254/latest/meta-data", "link-local",
                "https://[::ffff:127.0.0.1]/hook", "loopback",
                "https://[::ffff:a9fe:a9fe]/hook", "link-local",
                "https://0.0.0.0/hook", "unspecified");
        refused.forEach((url, kind) -> team.request().body(Map.of("url", url, "events", List.of("call.ended")))
                .post("/api/crm/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("url")).body("detail", containsString(kind)));
        team.request().body(Map.of("url", "http://hooks.example.com/outdial", "events", List.of("call.ended")))
                .post("/api/crm/webhooks").then().statusCode(400).body("errors.field", hasItem("url"))
                .body("detail", containsString("https"));
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM webhook_endpoints WHERE team_id = $1")
                .execute(Tuple.of(team.teamId())).await().atMost(DB_WAIT).iterator().next().getLong(0));
    }

    @Test
    void aTargetThatTurnedPrivateIsRefusedAtEachAttemptAndTheEndpointIsDisabledAfterTheGiveUpPeriod() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(Duration.ZERO, 204)) {
            ApiClients.Team team = ApiClients.newTeam(keys);
            String campaign = team.request().body(Map.of("name", "rebound")).post("/api/crm/campaigns").then().statusCode(201)
                    .extract().path("id");
            // Registered while its name resolved to a public address; it resolves to this machine now.
            UUID webhook = UUID.randomUUID();
            Instant registered = Instant.now().minusSeconds(60);
            pool.preparedQuery("""
                    INSERT INTO webhook_endpoints (id, team_id, url, events, secret, created_at, updated_at)
                    VALUES ($1, $2, $3, ARRAY['call.ended'], 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', $4, $4)
                    """).execute(Tuple.of(webhook, team.teamId(), receiver.url(), registered.atOffset(ZoneOffset.UTC)))
                    .await().atMost(DB_WAIT);
            topics.publish(new CallEnded(UUID.randomUUID().toString(), campaign, UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), 1, CallOutcome.BUSY, "busy", Instant.now(), 3.0, 0.0, 486));

            JsonPath disabled = await("the endpoint disabled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> team.request().get("/api/crm/webhooks/" + webhook).then().statusCode(200).extract().jsonPath(),
                            json -> !json.getBoolean("enabled"));
            assertTrue(disabled.getString("disabledReason").contains("without a success"), disabled.prettify());

            JsonPath deliveries = team.request().get("/api/crm/webhooks/" + webhook + "/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(1, deliveries.getInt("total"));
            assertEquals("failed", deliveries.getString("deliveries[0].state"));
            List<String> errors = deliveries.getList("deliveries[0].attempts.error");
            assertTrue(errors.size() >= 2, "retried: " + errors);
            assertTrue(errors.stream().allMatch(e -> e.startsWith("refused: ") && e.contains("loopback")), errors.toString());
            assertEquals(List.of(), receiver.received(), "no request reached the refused target");

            // A disabled endpoint's deliveries are not replayed until it is enabled again.
            team.request().post("/api/crm/webhooks/" + webhook + "/deliveries/" + deliveries.getString("deliveries[0].id")
                    + "/replay").then().statusCode(409);
            team.request().delete("/api/crm/webhooks/" + webhook).then().statusCode(204);
        }
    }
}
