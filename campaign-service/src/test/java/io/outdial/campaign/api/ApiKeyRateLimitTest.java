package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.domain.ApiKeys;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/**
 * The per-key rate limit (API.md v1.1): a key that sends more than its bucket holds is answered 429
 * with {@code Retry-After}, before its body is read, while other keys go on. A small bucket here;
 * the other tests run with the generous default.
 */
@QuarkusTest
@TestProfile(ApiKeyRateLimitTest.SmallBucket.class)
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApiKeyRateLimitTest {

    static final int BURST = 3;
    /**
     * A token every 100 s: none comes back while the test runs, however slow the machine. That a
     * bucket refills, and after the wait it names, is shown by TokenBucketTest and ApiKeyRateLimiterTest.
     */
    static final double PER_SECOND = 0.01;
    /** Requests sent to spend the burst: a few more than it, so that a missing limit shows. */
    private static final int ATTEMPTS = BURST + 5;

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outdial.api-keys.rate-limit.burst", Integer.toString(BURST),
                    "outdial.api-keys.rate-limit.per-second", Double.toString(PER_SECOND));
        }
    }

    @Inject
    ApiKeyIssuer keys;

    /** Sends reads until the first 429 (or {@link #ATTEMPTS} of them) and returns it, or null. */
    private static Response spendBurst(ApiClients.Team team, int[] admitted) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Response response = team.request().get("/api/crm/campaigns");
            if (response.statusCode() == 429) {
                return response;
            }
            assertEquals(200, response.statusCode(), response.asString());
            admitted[0]++;
        }
        return null;
    }

    @Test
    void aKeyOverItsBucketIsAnsweredTooManyRequestsWithRetryAfter() throws Throwable {
        ApiClients.Team team = ApiClients.newTeam(keys);
        int[] admitted = { 0 };
        Response refused = spendBurst(team, admitted);

        assertNotNull(refused, "no 429 after " + ATTEMPTS + " requests with a burst of " + BURST);
        assertEquals(BURST, admitted[0], "admitted before the 429");
        refused.then().contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too many requests"))
                .body("instance", equalTo("/api/crm/campaigns"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // The wait for the next token, in whole seconds: a little under 100 s at 0.01/s.
        assertTrue(retryAfter >= 50 && retryAfter <= Math.ceil(1 / PER_SECOND), "Retry-After: " + retryAfter);

        // Throttled before the body is read: a broken body is not looked at, and a valid one is not acted on.
        team.request().body("{\"name\": ").post("/api/crm/campaigns").then().statusCode(429);
        team.request().body(Map.of("name", "throttled")).post("/api/crm/campaigns").then().statusCode(429);
        // Who is calling is still decided first: an unknown key is 401, whatever the limit.
        given().header("Authorization", "Bearer odk_unknown").get("/api/crm/campaigns").then().statusCode(401);

        // Each key has its own bucket, even another key of the same team; and nothing the refused key sent was done.
        ApiClients.Team sameTeam = new ApiClients.Team(team.teamId(), team.accountSlug(), ApiKeys.generate());
        VertxContextSupport.subscribeAndAwait(() -> keys.store(sameTeam.key(), team.teamId(), team.accountSlug(), "second"));
        sameTeam.request().get("/api/crm/campaigns").then().statusCode(200).body("total", equalTo(0));
        ApiClients.newTeam(keys).request().get("/api/crm/campaigns").then().statusCode(200);
    }
}
