package io.outdial.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public campaign API, as an integrator calls it (the demo, the benchmark, the checker):
 * nothing here reaches into a service. Contacts and caller IDs get numbers seeded from the clock,
 * so runs against a stack that kept its data do not collide with earlier ones.
 */
public final class CampaignApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** New seven-digit numbers (2,000,000 and up) for each contact and caller ID of this process. */
    private static final AtomicLong NEXT_NUMBER = new AtomicLong(2_000_000 + System.currentTimeMillis() / 1000 % 6_000_000);

    /** How many times a request answered 429 is sent again after its {@code Retry-After}. */
    private static final int MAX_RATE_LIMIT_WAITS = 30;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;
    private final String account;

    public CampaignApi(String base, String key, String account) {
        this.base = base;
        this.key = key;
        this.account = account;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** As {@link #get}, but null when the answer is 404 (no such resource, or no such endpoint on this server). */
    public JsonNode getIfFound(String path) throws IOException, InterruptedException {
        return send("GET", path, null, true);
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    /** POSTs a CSV body read from {@code csv} as it is sent (a million rows need not be in memory). */
    public JsonNode postCsv(String path, java.util.function.Supplier<java.io.InputStream> csv)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(csv)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        return send(method, path, body, false);
    }

    private JsonNode send(String method, String path, Object body, boolean nullWhenNotFound)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // Over the key's rate limit: wait as told and ask again, as an integrator's client should.
        for (int waits = 0; response.statusCode() == 429 && waits < MAX_RATE_LIMIT_WAITS; waits++) {
            Thread.sleep(1000L * response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (nullWhenNotFound && response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Three caller IDs to rotate through. */
    public List<String> callerIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long n = NEXT_NUMBER.getAndIncrement();
            ids.add(post("/api/crm/phone-numbers", Map.of("number", "+1415" + n, "label", "line " + (i + 1)))
                    .get("id").asText());
        }
        return ids;
    }

    /** Imports {@code count} new contacts tagged {@code tag} and returns their ids. */
    public List<String> contacts(String tag, int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(count);
        for (int from = 0; from < count; from += 50_000) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 50_000); i++) {
                rows.add(Map.of("firstName", "Contact", "lastName", tag + "-" + i, "phone", "+1646" + NEXT_NUMBER.getAndIncrement()));
            }
            JsonNode imported = post("/api/crm/contacts/import", Map.of("contacts", rows));
            if (imported.get("failed").asInt() > 0) {
                throw new IllegalStateException("contact import refused rows: " + imported);
            }
        }
        for (int offset = 0; ids.size() < count; offset += 500) {
            JsonNode page = get("/api/crm/contacts?search=" + tag + "-&limit=500&offset=" + offset).get("contacts");
            if (page.isEmpty()) {
                break;
            }
            page.forEach(c -> ids.add(c.get("id").asText()));
        }
        return ids;
    }

    /**
     * A campaign open now (a window of several hours around the current time, UTC) with these
     * contacts. It opts out of legal calling hours (complianceProfile none), so that runs measuring
     * other things dial at any time of day; a field of {@code fields} overrides it.
     */
    public String campaign(String name, List<String> callerIds, List<String> contactIds, int cap, int maxRetries)
            throws IOException, InterruptedException {
        return campaign(name, callerIds, contactIds, cap, maxRetries, Map.of());
    }

    /** As above, with further campaign fields ({@code maxCallDurationSeconds}, {@code retryRules}, ...). */
    public String campaign(String name, List<String> callerIds, List<String> contactIds, int cap, int maxRetries,
            Map<String, Object> fields) throws IOException, InterruptedException {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("assistantId", "bench-assistant");
        body.put("fromNumberIds", callerIds);
        body.put("maxConcurrentCalls", cap);
        body.put("maxRetries", maxRetries);
        body.put("retryDelayMinutes", 0);
        body.put("callWindowStart", now.minusHours(2).truncatedTo(ChronoUnit.MINUTES).toString());
        body.put("callWindowEnd", now.plusHours(6).truncatedTo(ChronoUnit.MINUTES).toString());
        body.put("callWindowTimezone", "Etc/UTC");
        body.put("complianceProfile", "none");
        body.put("complianceOptOut", true);
        body.putAll(fields);
        String id = post("/api/crm/campaigns", body).get("id").asText();
        addContacts(id, contactIds);
        return id;
    }

    /** Adds contacts to a campaign, 10,000 (the most one request takes) at a time. */
    public void addContacts(String campaign, List<String> contactIds) throws IOException, InterruptedException {
        for (int from = 0; from < contactIds.size(); from += 10_000) {
            post("/api/crm/campaigns/" + campaign + "/contacts",
                    Map.of("contactIds", contactIds.subList(from, Math.min(contactIds.size(), from + 10_000))));
        }
    }

    public JsonNode run(String campaign) throws IOException, InterruptedException {
        return post("/api/crm/campaigns/" + campaign + "/run", Map.of("accountSlug", account));
    }

    public JsonNode campaign(String id) throws IOException, InterruptedException {
        return get("/api/crm/campaigns/" + id);
    }

    public JsonNode statusCounts(String id) throws IOException, InterruptedException {
        return get("/api/crm/campaigns/" + id + "/contacts?limit=1").get("statusCounts");
    }

    /** Waits until the campaign is completed with every contact counted; the campaign's last state. */
    public JsonNode awaitCompleted(String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode c;
        do {
            c = campaign(id);
            if ("completed".equals(c.get("status").asText())
                    && c.get("contactsCompleted").asInt() >= c.get("totalContacts").asInt()) {
                return c;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("campaign " + id + " not completed within " + timeout + ": " + c);
    }
}
