package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Who is asking is settled before what they sent is checked: a request without credentials learns
 * nothing from validation. And a body's broken rules answer one problem naming each field.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ValidationOrderTest {

    @Inject
    ApiKeyIssuer keys;

    @Test
    void anInvalidBodyWithoutAKeyIsUnauthorizedNotInvalid() {
        given().contentType(ContentType.JSON).body(Map.of("name", "", "maxConcurrentCalls", 0)).post("/api/crm/campaigns")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void anInvalidApiKeyRequestWhereNoOperatorTokenIsConfiguredFindsNoPath() {
        // The tests configure no outdial.admin.token: the path does not exist, whatever the body says.
        given().contentType(ContentType.JSON).body(Map.of("teamId", "")).post("/admin/api-keys")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-Admin-Token", "guess").contentType(ContentType.JSON).body(Map.of("teamId", ""))
                .post("/admin/api-keys").then().statusCode(404);
    }

    @Test
    void brokenRulesAnswerOneProblemNamingEachFieldInOrder() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        team.request().body(Map.of("name", " ", "callWindowStart", "17:00", "retryRules", Map.of("busy", Map.of("maxAttempts", 0))))
                .post("/api/crm/campaigns")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("3 fields are invalid"))
                .body("instance", equalTo("/api/crm/campaigns"))
                .body("errors.field", equalTo(List.of("callWindowEnd", "name", "retryRules.busy.maxAttempts")));
        team.request().body(Map.of("maxConcurrentCalls", 0)).post("/api/crm/campaigns")
                .then().statusCode(400).body("detail", equalTo("2 fields are invalid"));
        team.request().body(Map.of("name", "x", "maxRetries", 21)).post("/api/crm/campaigns")
                .then().statusCode(400).body("detail", equalTo("maxRetries: must be between 0 and 20"));
    }

    @Test
    void queryParametersAreNamedAsSent() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        team.request().queryParam("search", "s".repeat(201)).get("/api/crm/contacts")
                .then().statusCode(400).body("errors.field", equalTo(List.of("search")))
                .body("errors[0].message", equalTo("must be at most 200 characters"));
    }
}
