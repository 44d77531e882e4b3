package io.outdial.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.testsupport.SystemStack;

/**
 * Runs a sample campaign against a running stack through the public API only: caller IDs, N
 * contacts (default 200), a campaign, a run with a live progress bar, then a summary.
 * Usage: {@code Demo [contacts] [baseUrl] [apiKey]}.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    private Demo(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String base = args.length > 1 ? args[1] : "http://localhost:" + System.getenv().getOrDefault("OUTDIAL_PORT", "8080");
        String key = args.length > 2 ? args[2] : SystemStack.DEV_KEY;
        new Demo(base, key).run(contacts);
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void run(int count) throws Exception {
        long stamp = System.currentTimeMillis() % 100_000;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(call("POST", "/api/crm/phone-numbers", Map.of("number", "+1415555" + String.format("%04d", (stamp + i) % 10_000),
                    "label", "demo line " + (i + 1))).get("id").asText());
        }
        String tag = "demo" + Long.toString(System.currentTimeMillis(), 36);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // The run's own tag in the name finds exactly this run's contacts on a reused stack.
            rows.add(Map.of("firstName", "Demo", "lastName", tag + "-" + i,
                    "phone", "+1646" + String.format("%07d", (stamp * 1000 + i) % 10_000_000 + 2_000_000)));
        }
        JsonNode imported = call("POST", "/api/crm/contacts/import", Map.of("contacts", rows));
        System.out.printf("imported %d contacts (%d failed)%n", imported.get("imported").asInt(), imported.get("failed").asInt());
        List<String> ids = new ArrayList<>();
        for (int offset = 0; ids.size() < imported.get("imported").asInt(); offset += 500) {
            JsonNode page = call("GET", "/api/crm/contacts?search=" + tag + "&limit=500&offset=" + offset, null);
            page.get("contacts").forEach(c -> ids.add(c.get("id").asText()));
            if (page.get("contacts").isEmpty()) {
                break;
            }
        }
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String campaign = call("POST", "/api/crm/campaigns", Map.of("name", "Demo " + stamp, "assistantId", "demo-assistant",
                "fromNumberIds", numbers, "maxConcurrentCalls", 10, "maxRetries", 2, "retryDelayMinutes", 0,
                "callWindowStart", now.minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString(),
                "callWindowEnd", now.plusHours(3).truncatedTo(ChronoUnit.MINUTES).toString(),
                "callWindowTimezone", "Etc/UTC")).get("id").asText();
        for (int from = 0; from < ids.size(); from += 10_000) {
            call("POST", "/api/crm/campaigns/" + campaign + "/contacts",
                    Map.of("contactIds", ids.subList(from, Math.min(ids.size(), from + 10_000))));
        }
        JsonNode started = call("POST", "/api/crm/campaigns/" + campaign + "/run", Map.of("accountSlug", SystemStack.ACCOUNT));
        System.out.println(started.get("message").asText());

        JsonNode c;
        JsonNode counts;
        long t0 = System.nanoTime();
        do {
            Thread.sleep(500);
            c = call("GET", "/api/crm/campaigns/" + campaign, null);
            counts = call("GET", "/api/crm/campaigns/" + campaign + "/contacts?limit=1", null).get("statusCounts");
            int total = c.get("totalContacts").asInt();
            int done = c.get("contactsCompleted").asInt();
            int width = 40;
            int filled = total == 0 ? width : done * width / total;
            System.out.printf("\r[%s%s] called %d  completed %d/%d  answered %d  active %d   ",
                    "#".repeat(filled), ".".repeat(width - filled), c.get("contactsCalled").asInt(), done, total,
                    c.get("contactsAnswered").asInt(), counts.get("calling").asInt() + counts.get("queued").asInt());
        } while (!"completed".equals(c.get("status").asText()) || c.get("contactsCompleted").asInt() < c.get("totalContacts").asInt());
        System.out.printf("%n%nCampaign %s completed in %.1f s%n", campaign, (System.nanoTime() - t0) / 1e9);
        System.out.printf("  %-20s %8s%n", "counter (API)", "value");
        for (String counter : List.of("totalContacts", "contactsCalled", "contactsCompleted", "contactsAnswered")) {
            System.out.printf("  %-20s %8d%n", counter, c.get(counter).asInt());
        }
        System.out.printf("  %-20s %8d%n  %-20s %8d%n", "contacts completed", counts.get("completed").asInt(),
                "contacts failed", counts.get("failed").asInt());
    }
}
