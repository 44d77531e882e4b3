package io.outdial.callresult;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /internal/calls}, {@code /q/health} and {@code /q/metrics} answer on the management port
 * only, and {@code /internal/calls} only with one of the internal tokens.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "call_result"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InternalEndpointsTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;

    private static String calls() {
        return "/internal/calls?campaignId=" + UUID.randomUUID();
    }

    @Test
    void callRecordsAreNotServedOnThePublicPort() {
        given().header("Authorization", "Bearer " + ManagementPort.tokens().get(0)).get(calls())
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/internal/calls/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void withoutTheTokenTheManagementPortAnswers401() {
        ManagementPort.given(management).get(calls())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void aWrongTokenIsRefused() {
        ManagementPort.given(management).header("Authorization", "Bearer outdial-test-internal-wrong").get(calls())
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void bothConfiguredTokensReadCallRecords() {
        List<String> tokens = ManagementPort.tokens();
        assertEquals(2, tokens.size(), "the test profile configures a current and a previous token");
        for (String token : tokens) {
            ManagementPort.given(management).header("Authorization", "Bearer " + token).get(calls())
                    .then().statusCode(200).body("total", equalTo(0));
        }
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        ManagementPort.given(management).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        ManagementPort.given(management).get("/q/health/live").then().statusCode(200);
        ManagementPort.given(management).get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
