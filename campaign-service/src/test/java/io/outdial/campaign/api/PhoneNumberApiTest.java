package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
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

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PhoneNumberApiTest {

    @Inject
    ApiKeyIssuer keys;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    @Test
    void createNormalisesToE164AndListsWithTotals() {
        team.request().body(Map.of("number", "(202) 555-0100", "defaultCountry", "US", "label", "main"))
                .post("/api/crm/phone-numbers")
                .then().statusCode(201)
                .body("number", equalTo("+12025550100"))
                .body("label", equalTo("main"))
                .body("teamId", equalTo(team.teamId()));
        team.request().body(Map.of("number", "+4930901820")).post("/api/crm/phone-numbers").then().statusCode(201);

        team.request().get("/api/crm/phone-numbers?limit=1")
                .then().statusCode(200)
                .body("phoneNumbers", hasSize(1))
                .body("total", equalTo(2))
                .body("limit", equalTo(1))
                .body("offset", equalTo(0));
    }

    @Test
    void duplicateNumberConflicts() {
        team.request().body(Map.of("number", "+12025550111")).post("/api/crm/phone-numbers").then().statusCode(201);
        team.request().body(Map.of("number", "+12025550111")).post("/api/crm/phone-numbers")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void invalidNumberIsRefusedNamingTheField() {
        team.request().body(Map.of("number", "12345")).post("/api/crm/phone-numbers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("number"));
    }

    @Test
    void unknownFieldIsRefused() {
        team.request().body(Map.of("number", "+12025550112", "lable", "typo")).post("/api/crm/phone-numbers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("lable"));
    }

    @Test
    void missingOrUnknownKeyAnswers401() {
        given().get("/api/crm/phone-numbers").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer nope").get("/api/crm/phone-numbers")
                .then().statusCode(401).body("detail", startsWith("the API key")).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void anotherTeamsNumberIsNotFound() {
        String id = team.request().body(Map.of("number", "+12025550113")).post("/api/crm/phone-numbers")
                .then().statusCode(201).extract().path("id");
        ApiClients.Team other = ApiClients.newTeam(keys);
        other.request().delete("/api/crm/phone-numbers/" + id).then().statusCode(404);
        other.request().get("/api/crm/phone-numbers").then().statusCode(200).body("total", equalTo(0));
        team.request().delete("/api/crm/phone-numbers/" + id).then().statusCode(204);
    }
}
