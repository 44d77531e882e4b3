package io.outdial.campaign.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What the HTTP layer refuses before any resource runs (a URI or headers past their limits, a missing
 * Host, a target that is not a path) answers problem+json too, naming what is wrong. Sent as raw
 * bytes, as no well-behaved client would send them.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpLayerProblemsTest {

    @TestHTTPResource("/")
    URI root;

    /** A response read off the socket: status, lower-cased headers block, body. */
    record Raw(int status, String head, String body) {
        String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring("content-type:".length()).trim();
                }
            }
            return "";
        }

        JsonPath json() {
            return new JsonPath(body);
        }
    }

    private Raw send(String request) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            assertTrue(end > 0, "a response: " + response);
            return new Raw(Integer.parseInt(response.substring(9, 12)), response.substring(0, end), response.substring(end + 4));
        }
    }

    private static void assertProblem(Raw response, int status, String field) {
        assertEquals(status, response.status(), response.head() + "\n" + response.body());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.head());
        assertEquals(status, response.json().getInt("status"));
        if (field != null) {
            assertEquals(field, response.json().getString("errors[0].field"), response.body());
        }
    }

    @Test
    void aTwentyKilobyteUriAnswers414ProblemJson() throws IOException {
        Raw response = send("GET /api/crm/campaigns?search=" + "a".repeat(20_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertProblem(response, 414, "uri");
        assertEquals("must be at most 4096 characters", response.json().getString("errors[0].message"));
    }

    @Test
    void aFortyKilobyteHeaderAnswers431ProblemJsonNamingIt() throws IOException {
        Raw response = send("GET /api/crm/campaigns HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Filler: "
                + "b".repeat(40_000) + "\r\n\r\n");
        assertProblem(response, 431, "X-Filler");
    }

    @Test
    void aUriThatCannotBeParsedIsRefusedWith400() throws IOException {
        // Quarkus checks the URI before any route runs (java.net.URI) and answers an empty 400 itself.
        assertEquals(400, send("GET /api/crm/contacts/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status());
        assertEquals(400, send("GET /api/crm/contacts?search=%g1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .status());
    }

    @Test
    void aRequestWithoutAValidHostAnswers400ProblemJson() throws IOException {
        assertProblem(send("GET /api/crm/campaigns HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "Host");
        assertProblem(send("GET /api/crm/campaigns HTTP/1.1\r\nHost: local host:x\r\nConnection: close\r\n\r\n"), 400,
                "Host");
    }

    @Test
    void aTargetThatIsNotAPathAnswers404ProblemJson() throws IOException {
        assertProblem(send("GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404, null);
    }

    @Test
    void onlyARequestFarPastTheLimitsGetsVertxsOwnAnswer() throws IOException {
        // Past quarkus.http.limits.max-initial-line-length Vert.x answers before any route: an empty 414.
        Raw response = send("GET /api/crm/campaigns?search=" + "a".repeat(70_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(414, response.status());
    }
}
