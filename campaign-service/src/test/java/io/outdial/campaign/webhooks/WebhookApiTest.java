package io.outdial.campaign.webhooks;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.api.ApiClients;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Registering, listing, changing and deleting endpoints; refusals name the field and write nothing; teams stay apart. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookApiTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String URL = "http://127.0.0.1:9/hooks";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    @Test
    void anEndpointIsRegisteredWithItsSecretOnceThenChangedAndDeleted() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String id = team.request().body(Map.of("url", URL, "events", List.of("call.ended", "campaign.completed"),
                "description", "crm sync")).post("/api/crm/webhooks").then().statusCode(201)
                .body("secret", startsWith("whsec_")).body("enabled", org.hamcrest.Matchers.is(true))
                .body("events", org.hamcrest.Matchers.contains("call.ended", "campaign.completed"))
                .extract().path("id");

        team.request().get("/api/crm/webhooks").then().statusCode(200).body("webhooks.id", hasItem(id))
                .body("webhooks[0].secret", nullValue()).body("webhooks[0].disabledReason", nullValue());
        team.request().body(Map.of("events", List.of("contact.settled"), "enabled", false)).patch("/api/crm/webhooks/" + id)
                .then().statusCode(200).body("events", org.hamcrest.Matchers.contains("contact.settled"))
                .body("enabled", org.hamcrest.Matchers.is(false)).body("description", org.hamcrest.Matchers.is("crm sync"))
                .body("url", org.hamcrest.Matchers.is(URL));
        team.request().get("/api/crm/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.is(0));
        team.request().delete("/api/crm/webhooks/" + id).then().statusCode(204);
        team.request().get("/api/crm/webhooks/" + id).then().statusCode(404);
        team.request().delete("/api/crm/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void invalidRegistrationsAreRefusedNamingTheFieldAndWriteNothing() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        Map<String, Map<String, Object>> bodies = Map.of(
                "url", Map.of("url", "ftp://example.com/hook", "events", List.of("call.ended")),
                "events[1]", Map.of("url", URL, "events", List.of("call.ended", "call.started")),
                "events", Map.of("url", URL, "events", List.of()),
                "description", Map.of("url", URL, "events", List.of("call.ended"), "description", "d".repeat(501)));
        bodies.forEach((field, body) -> team.request().body(body).post("/api/crm/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field)));
        Map<String, Object> missingUrl = new HashMap<>(Map.of("events", List.of("call.ended")));
        team.request().body(missingUrl).post("/api/crm/webhooks").then().statusCode(400).body("errors.field", hasItem("url"));
        team.request().body(Map.of("url", URL, "events", List.of("call.ended"), "secret", "mine")).post("/api/crm/webhooks")
                .then().statusCode(400).body("errors.field", hasItem("secret"));
        assertEquals(0, endpointsOf(team.teamId()));

        String id = team.request().body(Map.of("url", URL, "events", List.of("call.ended"))).post("/api/crm/webhooks").then()
                .statusCode(201).extract().path("id");
        team.request().body(Map.of("events", List.of("nope"), "description", "changed")).patch("/api/crm/webhooks/" + id).then()
                .statusCode(400).body("errors.field", hasItem("events[0]"));
        team.request().body(Map.of("url", "https://")).patch("/api/crm/webhooks/" + id).then().statusCode(400)
                .body("errors.field", hasItem("url"));
        team.request().get("/api/crm/webhooks/" + id).then().statusCode(200)
                .body("events", org.hamcrest.Matchers.contains("call.ended")).body("description", nullValue());
        team.request().delete("/api/crm/webhooks/" + id).then().statusCode(204);
    }

    @Test
    void aTeamHasAtMostTheConfiguredNumberOfEndpoints() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        for (int i = 0; i < 10; i++) {
            team.request().body(Map.of("url", URL + i, "events", List.of("call.ended"))).post("/api/crm/webhooks").then()
                    .statusCode(201);
        }
        team.request().body(Map.of("url", URL, "events", List.of("call.ended"))).post("/api/crm/webhooks").then()
                .statusCode(400).body("detail", containsString("10 webhook endpoints"));
        assertEquals(10, endpointsOf(team.teamId()));
        pool.preparedQuery("DELETE FROM webhook_endpoints WHERE team_id = $1").execute(Tuple.of(team.teamId()))
                .await().atMost(DB_WAIT);
    }

    @Test
    void anotherTeamsWebhookIsNotFoundAndUntouched() {
        ApiClients.Team owner = ApiClients.newTeam(keys);
        ApiClients.Team other = ApiClients.newTeam(keys);
        String id = owner.request().body(Map.of("url", URL, "events", List.of("call.ended"))).post("/api/crm/webhooks").then()
                .statusCode(201).extract().path("id");
        String base = "/api/crm/webhooks/" + id;
        other.request().get(base).then().statusCode(404).contentType("application/problem+json");
        other.request().body(Map.of("description", "mine now")).patch(base).then().statusCode(404);
        other.request().get(base + "/deliveries").then().statusCode(404);
        other.request().post(base + "/deliveries/" + UUID.randomUUID() + "/replay").then().statusCode(404);
        other.request().delete(base).then().statusCode(404);
        other.request().get("/api/crm/webhooks").then().statusCode(200).body("webhooks.id", not(hasItem(id)));
        owner.request().get(base).then().statusCode(200).body("description", nullValue());
        owner.request().post(base + "/deliveries/" + UUID.randomUUID() + "/replay").then().statusCode(404);
        owner.request().get("/api/crm/webhooks/not-a-uuid").then().statusCode(404);
        owner.request().delete(base).then().statusCode(204);
    }

    private long endpointsOf(String teamId) {
        return pool.preparedQuery("SELECT count(*) FROM webhook_endpoints WHERE team_id = $1").execute(Tuple.of(teamId))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }
}
