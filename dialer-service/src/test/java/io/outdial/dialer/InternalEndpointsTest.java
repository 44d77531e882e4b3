package io.outdial.dialer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.dialer.client.ClaimClient;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The dialer's {@code /internal/**} (here the adjustable clock, its only internal endpoint),
 * {@code /q/health} and {@code /q/metrics} answer on the management port only, and
 * {@code /internal/**} only with one of the internal tokens.
 */
@QuarkusTest
@TestProfile(InternalEndpointsTest.AdjustableClock.class)
@WithTestResource(RealInfrastructureResource.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InternalEndpointsTest {

    public static class AdjustableClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outdial.clock.adjustable", "true");
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void theClockDoesNotExistOnThePublicPort() {
        given().header("Authorization", "Bearer " + ManagementPort.tokens().get(0))
                .contentType(ContentType.JSON).body(Map.of("now", "2031-01-01T00:00:00Z"))
                .put("/internal/clock")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/internal/clock").then().statusCode(404);
    }

    @Test
    void withoutTheTokenTheManagementPortAnswers401() {
        ManagementPort.given(management).get("/internal/clock")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void aWrongTokenIsRefused() {
        ManagementPort.given(management).header("Authorization", "Bearer outdial-test-internal-wrong")
                .contentType(ContentType.JSON).body(Map.of("now", "2031-01-01T00:00:00Z"))
                .put("/internal/clock")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void bothConfiguredTokensMoveTheClock() {
        List<String> tokens = ManagementPort.tokens();
        assertEquals(2, tokens.size(), "the test profile configures a current and a previous token");
        for (String token : tokens) {
            String now = "20" + (30 + tokens.indexOf(token)) + "-06-01T12:00:00Z";
            ManagementPort.given(management).header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON).body(Map.of("now", now))
                    .put("/internal/clock")
                    .then().statusCode(200);
            ManagementPort.given(management).header("Authorization", "Bearer " + token)
                    .get("/internal/clock")
                    .then().statusCode(200).body("now", startsWith(now.substring(0, 13)));
        }
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        ManagementPort.given(management).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        ManagementPort.given(management).get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theClaimClientSendsTheInternalToken() {
        // The dialer serves no /internal/claims: past the token check its own management port says 404.
        ClaimClient client = QuarkusRestClientBuilder.newBuilder().baseUri(ManagementPort.baseUri(management))
                .build(ClaimClient.class);
        WebApplicationException refused = assertThrows(WebApplicationException.class, () -> client
                .claim(new ClaimClient.Claims(List.of(new ClaimClient.Claim(UUID.randomUUID().toString(),
                        UUID.randomUUID().toString()))))
                .await().indefinitely());
        assertEquals(404, refused.getResponse().getStatus());
    }
}
