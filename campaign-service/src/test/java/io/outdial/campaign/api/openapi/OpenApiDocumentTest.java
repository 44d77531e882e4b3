package io.outdial.campaign.api.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.api.ApiClients;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document the running service serves is one generated clients can rely on: it passes
 * Redocly's recommended rules, lists only {@code /api}, names every operation, documents its
 * refusals as problem+json, and equals the copy stored at build time (system-tests generates its
 * client from that copy).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class OpenApiDocumentTest {

    /**
     * Pinned, so that a new release's rules cannot fail a build nobody changed. 2.x needs Node.js
     * 20.19+ or 22.12+; Debian 12's own nodejs (18) runs the last 1.x.
     */
    static final String REDOCLY = "@redocly/cli@2.77.0";
    static final String REDOCLY_FOR_OLD_NODE = "@redocly/cli@1.34.20";
    private static final long LINT_TIMEOUT_MINUTES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiKeyIssuer keys;

    private static JsonNode served() throws IOException {
        String body = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    @Test
    void servedDocumentPassesRedoclyRecommendedRules() throws Exception {
        Path npx = onPath("npx");
        if (npx == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("npx is not on the PATH; CI must lint the OpenAPI document (.ci/run installs nodejs and npm)");
            }
            assumeTrue(false, "npx is not on the PATH: install Node.js to lint the OpenAPI document");
        }
        Path dir = Files.createDirectories(Path.of("target", "openapi-lint"));
        Path document = dir.resolve("openapi.json");
        Files.writeString(document, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served()));
        Path output = dir.resolve("redocly-output.txt");
        // The default configuration is Redocly's "recommended" ruleset; a redocly.yaml nearby must not change it.
        String redocly = nodeRunsRedocly2(npx) ? REDOCLY : REDOCLY_FOR_OLD_NODE;
        ProcessBuilder lint = new ProcessBuilder(npx.toString(), "--yes", redocly, "lint", "--format=codeframe",
                document.toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process process = lint.start();
        if (!process.waitFor(LINT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(redocly + " lint did not finish within " + LINT_TIMEOUT_MINUTES + " minutes:\n" + read(output));
        }
        String report = read(output);
        assertEquals(0, process.exitValue(), redocly + " lint (recommended rules) failed on the served document:\n" + report);
        System.out.println(redocly + " lint of the served OpenAPI document:\n" + report);
    }

    @Test
    void documentStoredAtBuildTimeIsTheServedOne() throws IOException {
        Path stored = Path.of("target", "openapi", "openapi.json");
        assertTrue(Files.exists(stored), stored + " is missing: quarkus.smallrye-openapi.store-schema-directory must write it");
        assertEquals(JSON.readTree(stored.toFile()), served(), "the stored document differs from the served one;"
                + " a filter that runs only at run time would explain it");
    }

    @Test
    void publicDocumentListsOnlyApiPathsNamesEveryOperationAndDocumentsItsRefusals() throws IOException {
        JsonNode doc = served();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                problems.add(path.getKey() + " is not a public path");
            }
            path.getValue().fields().forEachRemaining(op -> {
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode id = op.getValue().get("operationId");
                if (id == null || !ids.add(id.asText())) {
                    problems.add(where + " has no operationId or a duplicate one: " + id);
                }
                JsonNode responses = op.getValue().get("responses");
                if (!responses.path("401").path("$ref").asText().equals("#/components/responses/Unauthorized")) {
                    problems.add(where + " does not document 401");
                }
                if (!responses.path("429").path("$ref").asText().equals("#/components/responses/TooManyRequests")) {
                    problems.add(where + " does not document 429");
                }
                if (path.getKey().contains("{") && responses.get("404") == null) {
                    problems.add(where + " does not document 404");
                }
                if (op.getValue().has("requestBody")) {
                    for (String status : List.of("400", "413", "415")) {
                        if (responses.get(status) == null) {
                            problems.add(where + " reads a body and does not document " + status);
                        }
                    }
                }
            });
        });
        assertEquals(List.of(), problems);
        assertEquals("http", doc.at("/components/securitySchemes/apiKey/type").asText());
        assertEquals("bearer", doc.at("/components/securitySchemes/apiKey/scheme").asText());
        assertTrue(doc.at("/security/0").has("apiKey"), "the bearer scheme applies to every operation");
        assertEquals("#/components/schemas/Problem",
                doc.at("/components/responses/NotFound/content/application~1problem+json/schema/$ref").asText());
        assertTrue(doc.at("/paths/~1api~1crm~1campaigns/post/requestBody/content/application~1json/examples").has("renewals"),
                "the request example of campaign creation is kept");
    }

    @Test
    void documentedRefusalsAnswerProblemJson() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        given().header("Authorization", "Bearer " + team.key()).contentType("text/plain").body("name=x")
                .post("/api/crm/campaigns")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        given().get("/api/crm/campaigns/" + java.util.UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"outdial\"");
        team.request().get("/api/crm/campaigns/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** Whether the node next to {@code npx} is 20.19+ or 22.12+ (what Redocly CLI 2 requires). */
    private static boolean nodeRunsRedocly2(Path npx) throws IOException, InterruptedException {
        Path node = npx.resolveSibling("node");
        Process process = new ProcessBuilder(Files.isExecutable(node) ? node.toString() : "node", "--version")
                .redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node --version did not answer within 30 s");
        }
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        var matcher = java.util.regex.Pattern.compile("v(\\d+)\\.(\\d+)").matcher(version);
        if (!matcher.find()) {
            fail("cannot read the Node.js version from: " + version);
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major >= 22 ? major > 22 || minor >= 12 : major == 20 && minor >= 19;
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no output)";
    }
}
