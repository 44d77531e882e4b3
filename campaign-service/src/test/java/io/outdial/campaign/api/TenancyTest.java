package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
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
import io.restassured.response.Response;

/**
 * Invariant I6: a key sees and changes only its own team's data. Every endpoint is walked with a
 * second team's key against the first team's resources: 404 for ids, 403 for a foreign teamId,
 * never data, and the first team's data is unchanged afterwards.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TenancyTest {

    @Inject
    ApiKeyIssuer keys;

    record Probe(String method, String path, Object body, int expected) {
    }

    @Test
    void anotherTeamsKeySeesAndChangesNothing() {
        ApiClients.Team owner = ApiClients.newTeam(keys);
        ApiClients.Team intruder = ApiClients.newTeam(keys);

        String number = owner.request().body(Map.of("number", "+12025550199")).post("/api/crm/phone-numbers")
                .then().statusCode(201).extract().path("id");
        String contact = owner.request().body(Map.of("firstName", "Ada", "phone", "+12025550198"))
                .post("/api/crm/contacts").then().statusCode(201).extract().path("id");
        String campaign = owner.request().body(Map.of("name", "private", "fromNumberIds", List.of(number)))
                .post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
        owner.request().body(Map.of("contactIds", List.of(contact))).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(200);
        String before = owner.request().get("/api/crm/campaigns/" + campaign).then().statusCode(200).extract().asString();
        String contactBefore = owner.request().get("/api/crm/contacts/" + contact).then().statusCode(200).extract().asString();

        String c = "/api/crm/campaigns/" + campaign;
        List<Probe> probes = List.of(
                new Probe("GET", "/api/crm/campaigns?teamId=" + owner.teamId(), null, 403),
                new Probe("POST", "/api/crm/campaigns", Map.of("name", "x", "teamId", owner.teamId()), 403),
                new Probe("POST", "/api/crm/campaigns", Map.of("name", "x", "fromNumberIds", List.of(number)), 400),
                new Probe("GET", c, null, 404),
                new Probe("PATCH", c, Map.of("name", "taken over"), 404),
                new Probe("PATCH", c, Map.of("status", "cancelled"), 404),
                new Probe("DELETE", c, null, 404),
                new Probe("POST", c + "/pause", null, 404),
                new Probe("POST", c + "/resume", null, 404),
                new Probe("POST", c + "/cancel", null, 404),
                new Probe("POST", c + "/contacts", Map.of("contactIds", List.of(contact)), 404),
                new Probe("GET", c + "/contacts", null, 404),
                new Probe("DELETE", c + "/contacts/" + contact, null, 404),
                new Probe("GET", c + "/audit", null, 404),
                new Probe("GET", c + "/audit.csv", null, 404),
                new Probe("POST", c + "/run", Map.of("accountSlug", intruder.accountSlug()), 404),
                new Probe("POST", c + "/run", Map.of("accountSlug", intruder.accountSlug(), "dryRun", true), 404),
                new Probe("POST", c + "/run", Map.of("accountSlug", owner.accountSlug()), 403),
                new Probe("DELETE", "/api/crm/phone-numbers/" + number, null, 404),
                new Probe("GET", "/api/crm/contacts/" + contact, null, 404),
                new Probe("PATCH", "/api/crm/contacts/" + contact, Map.of("firstName", "Eve"), 404),
                new Probe("DELETE", "/api/crm/contacts/" + contact, null, 404),
                new Probe("GET", "/api/crm/calls?campaignId=" + campaign, null, 404));

        List<String> failures = new ArrayList<>();
        for (Probe p : probes) {
            var request = intruder.request();
            if (p.body() != null) {
                request = request.body(p.body());
            }
            Response response = request.request(p.method(), p.path());
            String body = response.asString();
            if (response.statusCode() != p.expected() || body.contains(campaign) && !p.path().contains(campaign)
                    || body.contains("private") || body.contains("+12025550198")) {
                failures.add(p.method() + " " + p.path() + " -> " + response.statusCode() + " " + body);
            }
        }
        assertEquals(List.of(), failures);

        // Lists show the intruder nothing of the owner's.
        intruder.request().get("/api/crm/campaigns").then().statusCode(200).body("total", equalTo(0));
        intruder.request().get("/api/crm/campaigns?deleted=include").then().statusCode(200).body("total", equalTo(0));
        intruder.request().get("/api/crm/phone-numbers").then().statusCode(200).body("total", equalTo(0));
        intruder.request().get("/api/crm/contacts").then().statusCode(200).body("total", equalTo(0));
        intruder.request().get("/api/crm/contacts?search=Ada").then().statusCode(200).body("total", equalTo(0));
        intruder.request().get("/api/crm/calls").then().statusCode(200).body("total", equalTo(0));

        // And the owner's data is as it was.
        assertEquals(before, owner.request().get(c).then().statusCode(200).extract().asString());
        assertEquals(contactBefore, owner.request().get("/api/crm/contacts/" + contact).then().statusCode(200).extract().asString());
        owner.request().get("/api/crm/phone-numbers").then().body("total", equalTo(1));
    }
}
