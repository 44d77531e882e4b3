package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.persistence.ContactStore;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Imports past their row or byte limit answer 413 problem+json and write nothing, even when
 * batches were already written inside the import's transaction. Small limits, so the test is quick.
 */
@QuarkusTest
@TestProfile(HostileInputProfile.class)
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ImportLimitsTest {

    static final int MAX_ROWS = HostileInputProfile.IMPORT_MAX_ROWS;
    static final int IMPORT_MAX_BYTES = HostileInputProfile.IMPORT_MAX_BYTES;
    static final int MAX_BYTES = HostileInputProfile.MAX_BYTES;

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String IMPORT = "/api/crm/contacts/import";
    private static final String DNC_IMPORT = "/api/crm/dnc/import";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URI root;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private long rows(String table) {
        return pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE team_id = $1").execute(Tuple.of(team.teamId()))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    private static String phone(int i) {
        return "+1" + (201 + i % 9) + "555" + String.format("%04d", i % 10_000);
    }

    private static String csv(String header, int rows, IntFunction<String> row) {
        StringBuilder out = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            out.append(row.apply(i)).append('\n');
        }
        return out.toString();
    }

    @Test
    void csvAtTheRowLimitImportsAndOneRowMoreAnswers413AndWritesNothing() {
        team.request().contentType("text/csv").body(csv("phone", MAX_ROWS, ImportLimitsTest::phone)).post(IMPORT)
                .then().statusCode(200).body("imported", equalTo(MAX_ROWS));
        assertEquals(MAX_ROWS, rows("contacts"));

        team = ApiClients.newTeam(keys);
        team.request().contentType("text/csv").body(csv("phone", MAX_ROWS + 1, ImportLimitsTest::phone)).post(IMPORT)
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("has more than " + MAX_ROWS + " rows; split it into several imports"));
        assertEquals(0, rows("contacts"));
    }

    @Test
    void jsonPastTheRowLimitAnswers413AndWritesNothing() {
        StringBuilder json = new StringBuilder("{\"contacts\":[");
        for (int i = 0; i <= MAX_ROWS; i++) {
            json.append(i == 0 ? "" : ",").append("{\"phone\":\"").append(phone(i)).append("\"}");
        }
        team.request().body(json.append("]}").toString()).post(IMPORT)
                .then().statusCode(413).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        assertEquals(0, rows("contacts"));
    }

    @Test
    void doNotCallImportPastTheRowLimitAnswers413AndListsNothing() {
        team.request().contentType("text/csv").body(csv("number", MAX_ROWS + 1, ImportLimitsTest::phone)).post(DNC_IMPORT)
                .then().statusCode(413).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        assertEquals(0, rows("dnc_numbers"));
    }

    @Test
    void aDeclaredLengthPastTheImportLimitIsRefusedBeforeTheBodyIsRead() {
        String body = csv("phone", 200, ImportLimitsTest::phone) + "#".repeat(IMPORT_MAX_BYTES);
        team.request().contentType("text/csv").body(body).post(IMPORT)
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("must be at most " + IMPORT_MAX_BYTES + " bytes"));
        assertEquals(0, rows("contacts"));
    }

    @Test
    void aChunkedImportPastTheByteLimitAnswers413AndWritesNothing() throws Exception {
        // Rows of about 160 bytes: the byte limit is reached after more than one insert batch, before the row limit.
        String row = ",\"" + "a long first name ".repeat(7) + "\"";
        InputStream body = new ByteArrayInputStream(csv("phone,firstName", MAX_ROWS, i -> phone(i) + row)
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(IMPORT_MAX_BYTES / (row.length() + 13) > ContactStore.IMPORT_BATCH_SIZE);
        HttpResponse<String> response = sendChunked(IMPORT, "text/csv", body);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("body", new JsonPath(response.body()).getString("errors[0].field"));
        assertEquals(0, rows("contacts"));
    }

    @Test
    void aChunkedJsonBodyPastTheLimitAnswers413ProblemJson() throws Exception {
        String json = "{\"firstName\":\"" + "x".repeat(MAX_BYTES) + "\",\"phone\":\"+12025550123\"}";
        HttpResponse<String> response = sendChunked("/api/crm/contacts", "application/json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("body", new JsonPath(response.body()).getString("errors[0].field"));
        assertEquals(0, rows("contacts"));
    }

    @Test
    void anImportIntoACampaignPastTheRowLimitAnswers413AndNeitherImportsNorAdds() {
        String campaign = team.request().body(Map.of("name", "limits")).post("/api/crm/campaigns")
                .then().statusCode(201).extract().path("id");
        String path = "/api/crm/campaigns/" + campaign + "/contacts/import";
        team.request().contentType("text/csv").body(csv("phone", MAX_ROWS + 1, ImportLimitsTest::phone)).post(path)
                .then().statusCode(413).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        assertEquals(0, rows("contacts"));
        assertEquals(0, membersOf(campaign));
    }

    @Test
    void anImportIntoACampaignPastTheByteLimitAnswers413AndNeitherImportsNorAdds() throws Exception {
        String campaign = team.request().body(Map.of("name", "limits")).post("/api/crm/campaigns")
                .then().statusCode(201).extract().path("id");
        String path = "/api/crm/campaigns/" + campaign + "/contacts/import";
        // Declared: refused before the body is read; chunked: refused as it is read, after batches were written.
        String body = csv("phone", 200, ImportLimitsTest::phone) + "#".repeat(IMPORT_MAX_BYTES);
        team.request().contentType("text/csv").body(body).post(path)
                .then().statusCode(413).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        String row = ",\"" + "a long first name ".repeat(7) + "\"";
        HttpResponse<String> response = sendChunked(path, "text/csv", new ByteArrayInputStream(
                csv("phone,firstName", MAX_ROWS, i -> phone(i) + row).getBytes(StandardCharsets.UTF_8)));
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(0, rows("contacts"));
        assertEquals(0, membersOf(campaign));
    }

    private long membersOf(String campaign) {
        return pool.preparedQuery("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1")
                .execute(Tuple.of(UUID.fromString(campaign))).await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    private HttpResponse<String> sendChunked(String path, String contentType, InputStream body) throws Exception {
        // A body publisher from a stream has no length: it goes chunked.
        HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + team.key()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
