package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactImportTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private static final String IMPORT = "/api/crm/contacts/import";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    @TestHTTPResource(IMPORT)
    URI importUri;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private long contactRows() {
        return pool.preparedQuery("SELECT count(*) FROM contacts WHERE team_id = $1").execute(Tuple.of(team.teamId()))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    @Test
    void csvWithQuotedFieldsImportsGoodRowsAndReportsBadOnesByRowAndField() {
        String csv = "firstName,lastName,phone,email,timezone,companyId,doNotCall\r\n"
                + "\"Ann, Jr.\",\"O\"\"Neil\",+12025550123,ann@example.com,,acme,false\r\n"
                + "\"Multi\nLine\",Lee,(202) 555-0124,,America/Chicago,acme,yes\r\n"
                + "Bad,Phone,12345,,,,\r\n"
                + "Bad,Zone,+12025550125,,Mars/Base,,maybe\r\n"
                + ",,,,,,\r\n"
                + "Last,Row,+4930901820,,,,\r\n";
        team.request().contentType("text/csv").queryParam("defaultCountry", "US").body(csv).post(IMPORT)
                .then().statusCode(200)
                .body("imported", equalTo(3))
                .body("failed", equalTo(2))
                .body("errors", hasSize(3))
                .body("errors[0].row", equalTo(3))
                .body("errors[0].field", equalTo("phone"))
                .body("errors[1].row", equalTo(4))
                .body("errors.findAll { it.row == 4 }.field", equalTo(List.of("doNotCall", "timezone")));
        assertEquals(3, contactRows());

        JsonPath list = team.request().get("/api/crm/contacts?search=neil").then().statusCode(200).extract().jsonPath();
        assertEquals("Ann, Jr.", list.getString("contacts[0].firstName"));
        assertEquals("O\"Neil", list.getString("contacts[0].lastName"));
        assertEquals("America/New_York", list.getString("contacts[0].timezone"));
        JsonPath lee = team.request().get("/api/crm/contacts?search=lee").then().statusCode(200).extract().jsonPath();
        assertEquals("Multi\nLine", lee.getString("contacts[0].firstName"));
        assertEquals("+12025550124", lee.getString("contacts[0].phone"));
        assertEquals("America/Chicago", lee.getString("contacts[0].timezone"));
        assertEquals(true, lee.getBoolean("contacts[0].doNotCall"));
    }

    @Test
    void jsonImportReportsBadRowsAndImportsTheRest() {
        String json = """
                {"defaultCountry": "US", "contacts": [
                  {"phone": "202-555-0123", "firstName": "Ann", "tags": ["vip"], "customFields": {"plan": "gold"}},
                  {"firstName": "NoPhone"},
                  {"phone": "+12025550124", "doNotCall": "yes", "nickname": "x"},
                  {"phone": "+4930901820", "doNotCall": true}
                ]}""";
        team.request().body(json).post(IMPORT)
                .then().statusCode(200)
                .body("imported", equalTo(2))
                .body("failed", equalTo(2))
                .body("errors.row", equalTo(List.of(2, 3, 3)))
                .body("errors.field", equalTo(List.of("phone", "doNotCall", "nickname")));
        assertEquals(2, contactRows());
        team.request().get("/api/crm/contacts?search=ann").then().statusCode(200)
                .body("contacts[0].phone", equalTo("+12025550123"))
                .body("contacts[0].tags", equalTo(List.of("vip")))
                .body("contacts[0].customFields.plan", equalTo("gold"));
    }

    @Test
    void tagsAndFieldsThatNeedQuotingSurviveTheColumnArraysOfAnImport() {
        String json = """
                {"contacts": [
                  {"phone": "+12025550150", "firstName": "Quoted", "tags": ["a,b", "say \\"hi\\"", "back\\\\slash", "{x}", "NULL"],
                   "customFields": {"note": "x\\"y", "n": 3, "nested": {"k": [1, null]}}},
                  {"phone": "+12025550151", "firstName": "Plain"}
                ]}""";
        team.request().body(json).post(IMPORT).then().statusCode(200).body("imported", equalTo(2));
        team.request().get("/api/crm/contacts?search=Quoted").then().statusCode(200)
                .body("contacts[0].tags", equalTo(List.of("a,b", "say \"hi\"", "back\\slash", "{x}", "NULL")))
                .body("contacts[0].customFields.note", equalTo("x\"y"))
                .body("contacts[0].customFields.n", equalTo(3))
                .body("contacts[0].customFields.nested.k", equalTo(java.util.Arrays.asList(1, null)));
        team.request().get("/api/crm/contacts?search=Plain").then().statusCode(200)
                .body("contacts[0].tags", equalTo(List.of()))
                .body("contacts[0].customFields", equalTo(java.util.Map.of()));
    }

    @Test
    void brokenCsvIsRefusedAndImportsNothing() {
        StringBuilder csv = new StringBuilder("phone,firstName\n");
        for (int i = 0; i < 1_200; i++) {
            csv.append("+1202555").append(String.format("%04d", i % 10_000)).append(",Row").append(i).append('\n');
        }
        csv.append("+12025559999,\"never closed\n");
        team.request().contentType("text/csv").body(csv.toString()).post(IMPORT)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        assertEquals(0, contactRows());
    }

    @Test
    void unknownOrMissingColumnsAreRefusedNamingThem() {
        team.request().contentType("text/csv").body("phone,nickname\n+12025550123,x\n").post(IMPORT)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("nickname"));
        team.request().contentType("text/csv").body("firstName\nAnn\n").post(IMPORT)
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
        team.request().contentType("text/csv").queryParam("defaultCountry", "XX").body("phone\n+12025550123\n")
                .post(IMPORT)
                .then().statusCode(400).body("errors[0].field", equalTo("defaultCountry"));
        assertEquals(0, contactRows());
    }

    @Test
    void brokenJsonIsRefusedAndImportsNothing() {
        team.request().body("{\"contacts\": [{\"phone\": \"+12025550123\"}, {\"phone\": ").post(IMPORT)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        team.request().body(Map.of("contacts", "nope")).post(IMPORT)
                .then().statusCode(400).body("errors[0].field", equalTo("contacts"));
        assertEquals(0, contactRows());
    }

    @Test
    void errorsAreCappedButEveryFailedRowIsCounted() {
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < 1_500; i++) {
            csv.append("bad\n");
        }
        JsonPath result = team.request().contentType("text/csv").body(csv.toString()).post(IMPORT)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, result.getLong("imported"));
        assertEquals(1_500, result.getLong("failed"));
        assertEquals(1_000, result.getList("errors").size());
    }

    @Test
    void aHundredThousandRowCsvStreamedAsTheBodyImportsEveryRow() throws Exception {
        int rows = 100_000;
        // Sent chunked from a generator: neither side ever holds the whole file.
        HttpRequest request = HttpRequest.newBuilder(importUri)
                .header("Authorization", "Bearer " + team.key())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new ByteArrayInputStream("firstName,lastName,phone,email,companyId\n".getBytes(StandardCharsets.UTF_8)),
                        new GeneratedRows(rows))))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonPath result = new JsonPath(response.body());
        assertEquals(rows, result.getLong("imported"), response.body().substring(0, Math.min(2_000, response.body().length())));
        assertEquals(0, result.getLong("failed"));
        assertEquals(rows, contactRows());
        team.request().get("/api/crm/contacts?limit=1").then().statusCode(200).body("total", equalTo(rows));
    }

    @Test
    void bodiesOverTenMegabytesAreRefusedEverywhereButTheImport() throws Exception {
        // Only the head is sent: the server must refuse by the declared length, before reading any body.
        try (Socket socket = new Socket(importUri.getHost(), importUri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/crm/contacts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + team.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (11L * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("body", new JsonPath(body).getString("errors[0].field"));
        }
        assertEquals(0, contactRows());
    }

    /** CSV data rows made on the fly, one line at a time: the test never holds the whole file either. */
    private static final class GeneratedRows extends InputStream {
        private final int rows;
        private int next;
        private byte[] line = new byte[0];
        private int position;

        GeneratedRows(int rows) {
            this.rows = rows;
        }

        private boolean fill() {
            if (position < line.length) {
                return true;
            }
            if (next == rows) {
                return false;
            }
            int i = next++;
            // +1 202 555 01xx is valid; vary the last digits across area codes 201..209.
            String phone = "+1" + (201 + i % 9) + "555" + String.format("%04d", i % 10_000);
            // About 120 bytes a row: 100,000 rows pass the 10 MB limit other requests have.
            line = ("\"First " + i + "\",Lastname-of-contact-" + i + "," + phone + ",firstname.lastname." + i
                    + "@example-company-domain.com,company-" + (i % 100) + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }

        @Override
        public int read() {
            return fill() ? line[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int n = 0;
            while (n < length && fill()) {
                int chunk = Math.min(length - n, line.length - position);
                System.arraycopy(line, position, buffer, offset + n, chunk);
                position += chunk;
                n += chunk;
            }
            return n == 0 ? -1 : n;
        }
    }
}
