package io.outdial.campaign.api.internal;

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

import io.outdial.campaign.client.CallRecordsClient;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * {@code /internal/**}, {@code /q/health} and {@code /q/metrics} answer on the management port only,
 * and {@code /internal/**} only with one of the internal tokens.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InternalEndpointsTest {

    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    private static List<String> tokens() {
        return ManagementPort.tokens();
    }

    private RequestSpecification management() {
        return ManagementPort.given(managementUri);
    }

    private static Map<String, Object> oneClaim(String callId) {
        return Map.of("claims", List.of(Map.of("callId", callId, "campaignId", UUID.randomUUID().toString())));
    }

    @Test
    void theClaimEndpointDoesNotExistOnThePublicPort() {
        given().contentType(ContentType.JSON).body(oneClaim(UUID.randomUUID().toString()))
                .header("Authorization", "Bearer " + tokens().get(0))
                .post("/internal/claims")
                .then().statusCode(404).contentType("application/problem+json");
        // Spelled otherwise, the path is still the same one to the router and to Quarkus REST.
        for (String path : List.of("/%69nternal/claims", "//internal/claims", "/internal//claims", "/internal/./claims")) {
            given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(oneClaim(UUID.randomUUID().toString()))
                    .header("Authorization", "Bearer " + tokens().get(0))
                    .post(path)
                    .then().statusCode(404);
        }
    }

    @Test
    void withoutTheTokenTheManagementPortAnswers401() {
        management().contentType(ContentType.JSON).body(oneClaim(UUID.randomUUID().toString()))
                .post("/internal/claims")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
    }

    @Test
    void aWrongTokenIsRefused() {
        for (String wrong : List.of("Bearer " + tokens().get(0) + "x", "Bearer " + tokens().get(0).substring(1), "Basic "
                + tokens().get(0), tokens().get(0), "Bearer ")) {
            management().contentType(ContentType.JSON).body(oneClaim(UUID.randomUUID().toString()))
                    .header("Authorization", wrong)
                    .post("/internal/claims")
                    .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void bothConfiguredTokensAreAcceptedAndTheBodyReachesTheEndpoint() {
        assertEquals(2, tokens().size(), "the test profile configures a current and a previous token");
        for (String token : tokens()) {
            String callId = UUID.randomUUID().toString();
            management().contentType(ContentType.JSON).body(oneClaim(callId))
                    .header("Authorization", "Bearer " + token)
                    .post("/internal/claims")
                    .then().statusCode(200)
                    .body("results.size()", equalTo(1))
                    .body("results[0].callId", equalTo(callId));
        }
    }

    @Test
    void aFullBatchLargerThanTheInputBufferArrivesWhole() {
        // ~90 kB: Quarkus REST reads past its 10 kB buffer through a blocking stream.
        List<Map<String, String>> claims = new java.util.ArrayList<>();
        for (int i = 0; i < CallBatch.MAX; i++) {
            claims.add(Map.of("callId", UUID.randomUUID().toString(), "campaignId", UUID.randomUUID().toString()));
        }
        List<String> callIds = management().contentType(ContentType.JSON).body(Map.of("claims", claims))
                .header("Authorization", "Bearer " + tokens().get(0))
                .post("/internal/claims")
                .then().statusCode(200)
                .extract().path("results.callId");
        assertEquals(claims.stream().map(c -> c.get("callId")).toList(), callIds);
    }

    @Test
    void validationStillAnswersWithAProblemBehindTheToken() {
        management().contentType(ContentType.JSON).body(Map.of("claims", List.of()))
                .header("Authorization", "Bearer " + tokens().get(1))
                .post("/internal/claims")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("claims"));
    }

    @Test
    void aLeaseBatchOfTheWrongShapeIsRefusedNamingTheField() {
        List<Map<String, Object>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= CallBatch.MAX; i++) {
            tooMany.add(Map.of("callId", UUID.randomUUID().toString()));
        }
        Map<Object, String> fieldByBody = new java.util.LinkedHashMap<>();
        fieldByBody.put("{}", "leases");
        fieldByBody.put("{\"leases\":[]}", "leases");
        fieldByBody.put(Map.of("leases", tooMany), "leases");
        fieldByBody.put("{\"leases\":[{\"callId\":\"" + UUID.randomUUID() + "\"},{\"callId\":\"not-a-uuid\"}]}", "leases[1]");
        fieldByBody.put("{\"leases\":[null]}", "leases[0]");
        fieldByBody.forEach((body, field) -> management().contentType(ContentType.JSON).body(body)
                .header("Authorization", "Bearer " + tokens().get(0))
                .post("/internal/leases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)));
    }

    @Test
    void aLeaseOnACallThatHoldsNoSlotIsLost() {
        String callId = UUID.randomUUID().toString();
        management().contentType(ContentType.JSON)
                .body(Map.of("leases", List.of(Map.of("callId", callId, "campaignId", UUID.randomUUID().toString()))))
                .header("Authorization", "Bearer " + tokens().get(0))
                .post("/internal/leases")
                .then().statusCode(200)
                .body("results[0].callId", equalTo(callId))
                .body("results[0].result", equalTo("lost"))
                .body("leaseMillis", equalTo(30_000));
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/q/health/live").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentStaysOnThePublicPort() {
        given().get("/q/openapi?format=json").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void theRestClientsSendTheInternalToken() {
        // campaign-service has no /internal/calls: past the token check its own management port says 404.
        CallRecordsClient client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(ManagementPort.baseUri(managementUri))
                .build(CallRecordsClient.class);
        WebApplicationException refused = assertThrows(WebApplicationException.class,
                () -> client.get(UUID.randomUUID().toString()).await().indefinitely());
        assertEquals(404, refused.getResponse().getStatus());
    }
}
