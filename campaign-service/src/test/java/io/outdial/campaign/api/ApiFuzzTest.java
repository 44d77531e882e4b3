package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.api.MalformedRequests.Acceptable;
import io.outdial.campaign.api.PublicEndpoints.Endpoint;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Invariant I7 under fuzzing: well over a thousand generated malformed requests (seeded; set
 * {@code -Doutdial.fuzz.seed} and {@code -Doutdial.fuzz.requests} to explore) across every public
 * endpoint. Every answer is below 500; every 4xx is problem+json whose status is the HTTP status and
 * whose texts name fields, not library internals; no malformed request gets a 2xx that writes; and
 * no row of any table of the service changes.
 */
@QuarkusTest
@TestProfile(HostileInputProfile.class)
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ApiFuzzTest {

    private static final long SEED = Long.getLong("outdial.fuzz.seed", 20_261_130L);
    private static final int REQUESTS = Integer.getInteger("outdial.fuzz.requests", 1_200);
    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an error text must not show: the classes, packages and parser positions of the libraries. */
    private static final Pattern INTERNALS = Pattern.compile(
            "com\\.fasterxml|jackson|java\\.|jakarta\\.|io\\.vertx|io\\.quarkus|io\\.netty|org\\.jboss|org\\.hibernate"
                    + "|org\\.postgresql|Exception|StreamReadConstraints|\\[Source|\\$|\\bat [a-z]+\\.[a-z]",
            Pattern.CASE_INSENSITIVE);

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URI root;

    @Test
    void malformedRequestsToEveryPublicEndpointAreRefusedWithProblemJsonAndChangeNothing() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String campaign = team.request().body(Map.of("name", "fuzz target")).post("/api/crm/campaigns")
                .then().statusCode(201).extract().path("id");
        UUID contact = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contacts (id, team_id, phone) VALUES ($1, $2, '+12025550190')")
                .execute(Tuple.of(contact, team.teamId())).await().atMost(DB_WAIT);
        team.request().body(Map.of("contactIds", List.of(contact.toString()))).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(200);

        List<Endpoint> endpoints = PublicEndpoints.all();
        assertDocumentedOperationsAreAmong(endpoints);
        MalformedRequests generator = new MalformedRequests(SEED, new MalformedRequests.Target(team.teamId(),
                team.accountSlug(), team.key(), HostileInputProfile.ADMIN_TOKEN, campaign, contact.toString()), endpoints,
                HostileInputProfile.MAX_BYTES, HostileInputProfile.IMPORT_MAX_BYTES);

        Map<String, Long> before = stableSnapshot();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byEndpoint = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            MalformedRequests.Request request = generator.next(endpoints.get(i % endpoints.size()));
            HttpResponse<String> response = http.send(toHttp(request), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            byStatus.merge(status, 1, Integer::sum);
            byEndpoint.computeIfAbsent(request.endpoint().name(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            byKind.merge(request.kind(), 1, Integer::sum);
            String problem = check(request, response);
            if (problem != null) {
                failures.add(request.label() + "\n    -> " + status + " " + problem);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> after = stableSnapshot();

        System.out.printf("API fuzz (seed %d): %d requests in %d ms across %d endpoints%n", SEED, REQUESTS, millis,
                endpoints.size());
        System.out.println("  by status: " + byStatus);
        System.out.println("  by kind:   " + byKind);
        byEndpoint.forEach((name, statuses) -> System.out.printf("  %-62s %s%n", name, statuses));

        assertEquals(List.of(), failures.stream().limit(40).toList(), failures.size() + " requests were answered wrongly");
        assertEquals(before, after, "malformed requests must change no row");
        assertTrue(REQUESTS >= 1_000 || Long.getLong("outdial.fuzz.seed") != null, "at least 1,000 requests");
        assertEquals(endpoints.stream().map(Endpoint::name).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                byEndpoint.keySet(), "every endpoint was fuzzed");
    }

    @Test
    void theSnapshotSeesAWrite() throws Exception {
        // Guards the check above: one accepted request shows in the tables' checksums.
        ApiClients.Team team = ApiClients.newTeam(keys);
        Map<String, Long> before = stableSnapshot();
        team.request().body(Map.of("number", "+12025550177")).post("/api/crm/dnc").then().statusCode(201);
        assertTrue(!before.equals(stableSnapshot()));
    }

    /** Why the answer breaks the invariant, or null when it holds. */
    private static String check(MalformedRequests.Request request, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500) {
            return "a server error: " + abbreviate(body);
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "content type '" + type + "': " + abbreviate(body);
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(body);
            } catch (Exception e) {
                return "a problem that is not JSON: " + abbreviate(body);
            }
            if (problem.path("status").asInt() != status || !problem.path("title").isTextual()
                    || !problem.path("detail").isTextual()) {
                return "a problem without its status, title or detail: " + abbreviate(body);
            }
            List<String> texts = new ArrayList<>(List.of(problem.path("title").asText(), problem.path("detail").asText()));
            for (JsonNode error : problem.path("errors")) {
                texts.add(error.path("field").asText());
                texts.add(error.path("message").asText());
            }
            for (String text : texts) {
                if (INTERNALS.matcher(text).find()) {
                    return "a text naming library internals: " + abbreviate(body);
                }
            }
            return null;
        }
        if (status >= 300) {
            return "a redirect";
        }
        return switch (request.acceptable()) {
            case ANYTHING_BUT_A_SERVER_ERROR -> null;
            case REFUSAL_OR_NOTHING_WRITTEN -> wroteNothing(body) ? null : "a 2xx that says it wrote: " + abbreviate(body);
            case REFUSAL -> "a 2xx to a malformed request: " + abbreviate(body);
        };
    }

    /** An import or addition that reports no row written (bad rows and unknown ids are reported in a 200). */
    private static boolean wroteNothing(String body) {
        try {
            JsonNode result = JSON.readTree(body);
            return result.path("imported").asLong(-1) == 0 || result.path("added").asLong(-1) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpRequest toHttp(MalformedRequests.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + request.uri()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    /** Every operation of the public OpenAPI document is one the fuzzer found in the resource classes. */
    private static void assertDocumentedOperationsAreAmong(List<Endpoint> endpoints) throws Exception {
        Set<String> found = new TreeSet<>();
        endpoints.forEach(e -> found.add(e.method() + " " + e.template()));
        JsonNode paths = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("paths");
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        assertTrue(documented.size() > 10, "the document lists the API: " + documented);
        documented.removeAll(found);
        assertEquals(Set.of(), documented, "documented operations the fuzzer does not know");
    }

    /** Rows and a checksum of every table, once two readings agree (the outbox relay may still be publishing). */
    private Map<String, Long> stableSnapshot() throws InterruptedException {
        Map<String, Long> previous = snapshot();
        for (int i = 0; i < 40; i++) {
            Thread.sleep(250);
            Map<String, Long> current = snapshot();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("the database kept changing without requests");
    }

    private Map<String, Long> snapshot() {
        List<String> tables = new ArrayList<>();
        for (Row row : pool.query("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                """).execute().await().atMost(DB_WAIT)) {
            tables.add(row.getString(0));
        }
        Map<String, Long> snapshot = new LinkedHashMap<>();
        for (String table : tables) {
            Row row = pool.query("SELECT count(*), coalesce(sum(hashtext(t::text)::bigint), 0) FROM \"" + table + "\" t")
                    .execute().await().atMost(DB_WAIT).iterator().next();
            snapshot.put(table + " rows", row.getLong(0));
            snapshot.put(table + " checksum", row.getLong(1));
        }
        assertTrue(snapshot.containsKey("campaigns rows") && snapshot.containsKey("contacts rows"), snapshot.toString());
        return snapshot;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
