package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.application.CampaignWatch;
import io.outdial.contract.events.CampaignProgress;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /api/crm/campaigns/{id}/events as a browser or a dashboard reads it, over a real HTTP
 * connection: the snapshot on connect, status events after pause and resume through the API, a
 * progress event once counters change (a CampaignProgress through Kafka), heartbeats, the end after
 * a cancel, credentials (header or access_token), tenancy, and a watcher that leaves releasing its watch.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignEventsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENT_WAIT = Duration.ofSeconds(15);

    @Inject
    ApiKeyIssuer keys;

    @Inject
    CampaignWatch watch;

    @TestHTTPResource("/")
    URI root;

    private final EventTopics topics = new EventTopics();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One server-sent event, or a comment line (name ":"). */
    record Event(String name, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A connected stream whose events a reader thread queues; END marks its end. */
    final class Stream implements AutoCloseable {
        static final Event END = new Event("end", "");
        final HttpResponse<InputStream> response;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(name, data.toString()));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        events.add(new Event(":", line.substring(1).trim()));
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
            events.add(END);
        }

        /** The next event that is not a comment. */
        Event next() throws InterruptedException {
            while (true) {
                Event e = events.poll(EVENT_WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(e, "no event within " + EVENT_WAIT);
                if (!e.name().equals(":")) {
                    return e;
                }
            }
        }

        /** Skips events until one named {@code name}. */
        Event next(String name) throws InterruptedException {
            while (true) {
                Event e = next();
                if (e.name().equals(name) || e == END) {
                    return e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    private HttpResponse<InputStream> connect(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private Stream open(String campaign, ApiClients.Team team) throws Exception {
        HttpResponse<InputStream> response = connect("/api/crm/campaigns/" + campaign + "/events", team.key());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return new Stream(response);
    }

    private static String body(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A campaign ready to run: a caller ID and one contact. */
    private String runnableCampaign(ApiClients.Team team) {
        String number = team.request().body(Map.of("number", "+12025550180")).post("/api/crm/phone-numbers").then()
                .statusCode(201).extract().path("id");
        String contact = team.request().body(Map.of("phone", "+12025550181")).post("/api/crm/contacts").then()
                .statusCode(201).extract().path("id");
        String id = team.request().body(Map.of("name", "live", "fromNumberIds", List.of(number), "maxConcurrentCalls", 2))
                .post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
        team.request().body(Map.of("contactIds", List.of(contact))).post("/api/crm/campaigns/" + id + "/contacts")
                .then().statusCode(200);
        return id;
    }

    @Test
    void aWatcherGetsTheSnapshotStatusChangesProgressAndTheEnd() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String id = runnableCampaign(team);
        try (Stream stream = open(id, team)) {
            Event first = stream.next();
            assertEquals("progress", first.name());
            JsonNode snapshot = first.json();
            assertEquals(id, snapshot.path("campaignId").asText());
            assertEquals("draft", snapshot.path("status").asText());
            assertEquals(1, snapshot.path("totalContacts").asInt());
            assertEquals(0, snapshot.path("contactsCalled").asInt());
            assertEquals(0, snapshot.path("callsInProgress").asInt());
            assertEquals(2, snapshot.path("maxConcurrentCalls").asInt());

            team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + id + "/run")
                    .then().statusCode(200);
            JsonNode running = stream.next("status").json();
            assertEquals("running", running.path("status").asText());
            assertEquals("draft", running.path("previousStatus").asText());

            team.request().post("/api/crm/campaigns/" + id + "/pause").then().statusCode(200);
            JsonNode paused = stream.next("status").json();
            assertEquals("paused", paused.path("status").asText());
            assertEquals("running", paused.path("previousStatus").asText());
            assertEquals("paused", stream.next("progress").json().path("status").asText());

            team.request().post("/api/crm/campaigns/" + id + "/resume").then().statusCode(200);
            assertEquals("running", stream.next("status").json().path("status").asText());
            assertEquals("running", stream.next("progress").json().path("status").asText());

            // Counters move as call-result-service reports them.
            topics.publish(new CampaignProgress(id, 1, 1, 0, 0, 1, Instant.now()));
            JsonNode progress = stream.next("progress").json();
            assertEquals(1, progress.path("contactsCalled").asInt());
            assertEquals("running", progress.path("status").asText());

            team.request().post("/api/crm/campaigns/" + id + "/cancel").then().statusCode(200);
            assertEquals("cancelled", stream.next("status").json().path("status").asText());
            assertEquals("cancelled", stream.next("progress").json().path("status").asText());
            assertEquals(Stream.END, stream.next(), "the stream ends once the campaign is cancelled");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.watchers(UUID.fromString(id)) == 0);
    }

    @Test
    void twoWatchersShareOneWatchAndALeavingOneReleasesIt() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String id = team.request().body(Map.of("name", "shared")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        UUID campaign = UUID.fromString(id);
        try (Stream one = open(id, team); Stream two = open(id, team)) {
            assertEquals("progress", one.next().name());
            assertEquals("progress", two.next().name());
            assertEquals(2, watch.watchers(campaign));
            // An idle stream gets comment lines (every 2 s in tests, 15 s by default).
            Event comment = one.events.poll(10, TimeUnit.SECONDS);
            assertNotNull(comment);
            assertEquals(":", comment.name());
            one.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.watchers(campaign) == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.watchers(campaign) == 0);
    }

    @Test
    void theKeyMayComeAsAccessTokenAndNoOrAWrongKeyAnswers401() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String id = team.request().body(Map.of("name", "browser")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        String path = "/api/crm/campaigns/" + id + "/events";
        try (Stream stream = new Stream(connect(path + "?access_token=" + team.key(), null))) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("progress", stream.next().name());
        }
        for (String attempt : List.of(path, path + "?access_token=", path + "?access_token=" + team.key() + "x")) {
            HttpResponse<InputStream> response = connect(attempt, null);
            assertEquals(401, response.statusCode(), attempt);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            body(response);
        }
        // Only the event stream takes the key in the URL.
        given().get("/api/crm/campaigns/" + id + "?access_token=" + team.key()).then().statusCode(401);
    }

    @Test
    void anotherTeamsOrAnUnknownCampaignAnswers404() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        ApiClients.Team other = ApiClients.newTeam(keys);
        String id = team.request().body(Map.of("name", "private")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        for (String campaign : List.of(id, UUID.randomUUID().toString(), "not-an-id")) {
            HttpResponse<InputStream> response = connect("/api/crm/campaigns/" + campaign + "/events",
                    campaign.equals(id) ? other.key() : team.key());
            assertEquals(404, response.statusCode(), campaign);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(404, JSON.readTree(body(response)).path("status").asInt());
        }
    }
}
