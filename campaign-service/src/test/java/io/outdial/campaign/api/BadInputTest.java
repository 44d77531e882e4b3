package io.outdial.campaign.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Invariant I7: bad input gets a 4xx {@code application/problem+json} naming the field, never a
 * 5xx, and changes nothing. Well over a hundred malformed requests against every writing endpoint.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadInputTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private static final List<String> TABLES = List.of("campaigns", "campaign_contacts", "campaign_phone_numbers",
            "contacts", "phone_numbers", "api_keys", "outbox");

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    record Case(String method, String path, String contentType, String body, String expectedField) {
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, pool.query("SELECT count(*) FROM " + table).execute().await().atMost(DB_WAIT)
                    .iterator().next().getLong(0));
        }
        return counts;
    }

    @Test
    void malformedRequestsGetProblemJsonNamingTheFieldAndChangeNothing() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String campaign = team.request().body(Map.of("name", "target")).post("/api/crm/campaigns")
                .then().statusCode(201).extract().path("id");
        UUID contact = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contacts (id, team_id, phone) VALUES ($1, $2, '+12025550190')")
                .execute(Tuple.of(contact, team.teamId())).await().atMost(DB_WAIT);

        List<Case> cases = new ArrayList<>();
        String campaigns = "/api/crm/campaigns";
        String json = "application/json";
        // Broken or wrong-shaped bodies.
        for (String body : List.of("{", "{\"name\":", "not json", "[]", "\"name\"", "42", "{\"name\":\"x\"}}",
                "{\"name\":\"x\",}", "{'name':'x'}", "{\"name\":\"x\" \"description\":\"y\"}")) {
            cases.add(new Case("POST", campaigns, json, body, null));
        }
        // Missing or wrong-typed fields on create.
        Map<String, String> create = new LinkedHashMap<>();
        create.put("{}", "name");
        create.put("{\"name\":\"\"}", "name");
        create.put("{\"name\":\"   \"}", "name");
        create.put("{\"name\":null}", "name");
        create.put("{\"name\":42}", "name");
        create.put("{\"name\":true}", "name");
        create.put("{\"name\":[\"x\"]}", "name");
        create.put("{\"name\":{\"x\":1}}", "name");
        create.put("{\"name\":\"" + "n".repeat(201) + "\"}", "name");
        create.put("{\"name\":\"x\",\"description\":\"" + "d".repeat(2001) + "\"}", "description");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":\"3\"}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":3.5}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":0}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":-1}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":1000001}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":99999999999}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxConcurrentCalls\":true}", "maxConcurrentCalls");
        create.put("{\"name\":\"x\",\"maxRetries\":-1}", "maxRetries");
        // Text the database cannot hold, and a key given twice.
        create.put("{\"name\":\"\\u0000\"}", "name");
        create.put("{\"name\":\"ok\\u0000\"}", "name");
        create.put("{\"name\":\"x\\ud800\"}", "name");
        create.put("{\"name\":\"\\udc00x\"}", "name");
        create.put("{\"name\":\"x\",\"description\":\"\\u0000\"}", "description");
        create.put("{\"name\":\"x\",\"settings\":{\"greeting\":\"hi\\u0000\"}}", "settings.greeting");
        create.put("{\"name\":\"x\",\"settings\":{\"a\":[{\"b\":\"\\ud800\"}]}}", "settings.a[0].b");
        create.put("{\"name\":\"x\",\"settings\":{\"\\u0000\":1}}", "settings");
        create.put("{\"name\":\"x\",\"name\":\"y\"}", "name");
        create.put("{\"name\":\"x\",\"settings\":{\"k\":1,\"k\":2}}", "settings.k");
        create.put("{\"name\":\"x\",\"maxRetries\":21}", "maxRetries");
        create.put("{\"name\":\"x\",\"maxRetries\":\"many\"}", "maxRetries");
        create.put("{\"name\":\"x\",\"retryDelayMinutes\":-5}", "retryDelayMinutes");
        create.put("{\"name\":\"x\",\"retryDelayMinutes\":100000000}", "retryDelayMinutes");
        create.put("{\"name\":\"x\",\"retryDelayMinutes\":1e3}", "retryDelayMinutes");
        create.put("{\"name\":\"x\",\"ringTimeoutSeconds\":14}", "ringTimeoutSeconds");
        create.put("{\"name\":\"x\",\"ringTimeoutSeconds\":121}", "ringTimeoutSeconds");
        create.put("{\"name\":\"x\",\"maxCallDurationSeconds\":0}", "maxCallDurationSeconds");
        create.put("{\"name\":\"x\",\"retryRules\":{\"answered\":{\"delayMinutes\":5}}}", "retryRules.answered");
        create.put("{\"name\":\"x\",\"retryRules\":{\"declined\":{\"maxAttempts\":2}}}", "retryRules.declined");
        create.put("{\"name\":\"x\",\"retryRules\":{\"invalid_number\":{}}}", "retryRules.invalid_number");
        create.put("{\"name\":\"x\",\"retryRules\":{\"bussy\":{\"delayMinutes\":5}}}", "retryRules.bussy");
        create.put("{\"name\":\"x\",\"retryRules\":{\"busy\":{\"delayMinutes\":-1}}}", "retryRules.busy.delayMinutes");
        create.put("{\"name\":\"x\",\"retryRules\":{\"busy\":{\"maxAttempts\":0}}}", "retryRules.busy.maxAttempts");
        create.put("{\"name\":\"x\",\"retryRules\":{\"busy\":{\"delay\":5}}}", "retryRules.busy.delay");
        create.put("{\"name\":\"x\",\"retryRules\":{\"busy\":null}}", "retryRules.busy");
        create.put("{\"name\":\"x\",\"retryRules\":[1]}", "retryRules");
        // Variables for the assistant: named like identifiers, text of bounded length, at most 50.
        create.put("{\"name\":\"x\",\"variables\":{\"foo\":1}}", "variables.foo");
        create.put("{\"name\":\"x\",\"variables\":{\"foo\":null}}", "variables.foo");
        create.put("{\"name\":\"x\",\"variables\":{\"foo\":{\"a\":\"b\"}}}", "variables.foo");
        create.put("{\"name\":\"x\",\"variables\":{\"foo\":\"" + "v".repeat(1025) + "\"}}", "variables.foo");
        create.put("{\"name\":\"x\",\"variables\":{\"1st\":\"a\"}}", "variables.1st");
        create.put("{\"name\":\"x\",\"variables\":{\"first-name\":\"a\"}}", "variables.first-name");
        create.put("{\"name\":\"x\",\"variables\":{\"" + "k".repeat(65) + "\":\"a\"}}", "variables." + "k".repeat(65));
        create.put("{\"name\":\"x\",\"variables\":{\"a\":\"\\u0000\"}}", "variables.a");
        create.put("{\"name\":\"x\",\"variables\":[\"a\"]}", "variables");
        StringBuilder manyVariables = new StringBuilder("{\"name\":\"x\",\"variables\":{");
        for (int i = 0; i < 51; i++) {
            manyVariables.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":\"x\"");
        }
        create.put(manyVariables.append("}}").toString(), "variables");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"25:00\"}", "callWindowStart");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"9:00\"}", "callWindowStart");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"09:60\"}", "callWindowStart");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"0900\"}", "callWindowStart");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"\"}", "callWindowStart");
        create.put("{\"name\":\"x\",\"callWindowStart\":900}", "callWindowStart");
        create.put("{\"name\":\"x\",\"callWindowEnd\":\"24:00\"}", "callWindowEnd");
        create.put("{\"name\":\"x\",\"callWindowEnd\":\"noon\"}", "callWindowEnd");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"10:00\",\"callWindowEnd\":\"10:00\"}", "callWindowEnd");
        create.put("{\"name\":\"x\",\"callWindowStart\":\"09:00\"}", "callWindowEnd"); // equals default end? no: 09:00 vs 17:00 is fine
        create.put("{\"name\":\"x\",\"callWindowTimezone\":\"Mars/Olympus\"}", "callWindowTimezone");
        create.put("{\"name\":\"x\",\"callWindowTimezone\":\"EST\"}", "callWindowTimezone");
        create.put("{\"name\":\"x\",\"callWindowTimezone\":\"+02:00\"}", "callWindowTimezone");
        create.put("{\"name\":\"x\",\"timezone\":\"America/Nowhere\"}", "callWindowTimezone");
        create.put("{\"name\":\"x\",\"callWindowTimezone\":\"\"}", "callWindowTimezone");
        create.put("{\"name\":\"x\",\"fromNumberIds\":\"abc\"}", "fromNumberIds");
        create.put("{\"name\":\"x\",\"fromNumberIds\":[\"abc\"]}", "fromNumberIds[0]");
        create.put("{\"name\":\"x\",\"fromNumberIds\":[\"" + UUID.randomUUID() + "\"]}", "fromNumberIds[0]");
        create.put("{\"name\":\"x\",\"phoneNumberIds\":[42]}", "fromNumberIds[0]");
        create.put("{\"name\":\"x\",\"scheduledStartAt\":\"tomorrow\"}", "scheduledStartAt");
        create.put("{\"name\":\"x\",\"scheduledStartAt\":\"2026-13-01T00:00:00Z\"}", "scheduledStartAt");
        create.put("{\"name\":\"x\",\"scheduledStartAt\":12}", "scheduledStartAt");
        create.put("{\"name\":\"x\",\"scheduledStartAt\":\"2026-05-01T09:00:00\"}", "scheduledStartAt");
        create.put("{\"name\":\"x\",\"settings\":\"fast\"}", "settings");
        create.put("{\"name\":\"x\",\"settings\":[1,2]}", "settings");
        create.put("{\"name\":\"x\",\"nmae\":\"typo\"}", "nmae");
        create.put("{\"name\":\"x\",\"maxConcurrentCall\":3}", "maxConcurrentCall");
        create.put("{\"name\":\"x\",\"status\":\"running\"}", "status");
        create.put("{\"name\":\"x\",\"id\":\"" + UUID.randomUUID() + "\"}", "id");
        create.put("{\"name\":\"x\",\"assistantId\":7}", "assistantId");
        create.put("{\"name\":\"x\",\"companyId\":[]}", "companyId");
        create.put("{\"name\":\"x\",\"teamId\":{}}", "teamId");
        create.remove("{\"name\":\"x\",\"callWindowStart\":\"09:00\"}");
        create.forEach((body, field) -> cases.add(new Case("POST", campaigns, json, body, field)));
        // Patch.
        String one = campaigns + "/" + campaign;
        Map<String, String> patch = new LinkedHashMap<>();
        patch.put("{\"status\":\"completed\"}", "status");
        patch.put("{\"status\":\"draft\"}", "status");
        patch.put("{\"status\":\"sleeping\"}", "status");
        patch.put("{\"status\":1}", "status");
        patch.put("{\"name\":\"\"}", "name");
        patch.put("{\"maxConcurrentCalls\":0}", "maxConcurrentCalls");
        patch.put("{\"maxConcurrentCalls\":\"ten\"}", "maxConcurrentCalls");
        patch.put("{\"callWindowEnd\":\"09:00\"}", "callWindowEnd");
        patch.put("{\"retryRules\":{\"config_error\":{\"maxAttempts\":2}}}", "retryRules.config_error");
        patch.put("{\"callWindowStart\":\"17:00\"}", "callWindowEnd");
        patch.put("{\"callWindowTimezone\":\"Nowhere/Land\"}", "callWindowTimezone");
        patch.put("{\"fromNumberIds\":[\"nope\"]}", "fromNumberIds[0]");
        patch.put("{\"unknown\":1}", "unknown");
        patch.put("{\"variables\":{\"plan\":\"gold\",\"bad key\":\"x\"}}", "variables.bad key");
        patch.put("{\"variables\":{\"plan\":true}}", "variables.plan");
        patch.put("{\"name\":\"ok\",\"maxRetries\":-2}", "maxRetries");
        patch.forEach((body, field) -> cases.add(new Case("PATCH", one, json, body, field)));
        cases.add(new Case("PATCH", one, json, "{", null));
        // Campaign contacts.
        String members = one + "/contacts";
        cases.add(new Case("POST", members, json, "{}", "contactIds"));
        cases.add(new Case("POST", members, json, "{\"contactIds\":[]}", "contactIds"));
        cases.add(new Case("POST", members, json, "{\"contactIds\":\"" + contact + "\"}", "contactIds"));
        cases.add(new Case("POST", members, json, "{\"contactIds\":null}", "contactIds"));
        cases.add(new Case("POST", members, json, "{\"contactIds\":[1,2]}", "contactIds[0]"));
        cases.add(new Case("POST", members, json, "{\"contactIds\":[\"" + contact + "\"],\"extra\":true}", "extra"));
        StringBuilder tooMany = new StringBuilder("{\"contactIds\":[");
        for (int i = 0; i < 10_001; i++) {
            tooMany.append(i == 0 ? "" : ",").append('"').append(contact).append('"');
        }
        cases.add(new Case("POST", members, json, tooMany.append("]}").toString(), "contactIds"));
        cases.add(new Case("GET", members + "?status=lost", null, null, "status"));
        cases.add(new Case("GET", members + "?limit=0", null, null, "limit"));
        cases.add(new Case("GET", members + "?offset=-1", null, null, "offset"));
        cases.add(new Case("GET", members + "?limit=abc", null, null, "limit"));
        // Run.
        String run = one + "/run";
        cases.add(new Case("POST", run, json, "{}", "accountSlug"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"\"}", "accountSlug"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":5}", "accountSlug"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"limit\":0}", "limit"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"limit\":-3}", "limit"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"maxCalls\":\"all\"}", "maxCalls"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"limit\":5,\"maxCalls\":6}", "maxCalls"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"accountSlug\":\"x\"}", "accountSlug"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"dryRun\":\"yes\"}", "dryRun"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"dryRun\":1}", "dryRun"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"" + team.accountSlug() + "\",\"dry_run\":true}", "dry_run"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":\"other\"}", "accountSlug"));
        cases.add(new Case("POST", run, json, "{\"accountSlug\":", null));
        // Contacts.
        String contactsPath = "/api/crm/contacts";
        for (String[] c : new String[][] {
                { "{\"phone\":\"+12025550123;ext=5\"}", "phone" }, { "{\"phone\":\"+12025550123 x5\"}", "phone" },
                { "{\"phone\":\"+12025550123\",\"email\":\"a@\"}", "email" },
                { "{\"phone\":\"+12025550123\",\"email\":\"@b.com\"}", "email" },
                { "{\"phone\":\"+12025550123\",\"firstName\":\"\\u0000\"}", "firstName" },
                { "{\"phone\":\"+12025550123\",\"customFields\":{\"plan\":\"\\u0000\"}}", "customFields.plan" },
                { "{\"phone\":\"+12025550123\",\"tags\":[\"\\ud800\"]}", "tags[0]" },
                { "{\"phone\":\"+12025550123\",\"phone\":\"+12025550124\"}", "phone" } }) {
            cases.add(new Case("POST", contactsPath, json, c[0], c[1]));
        }
        // Lists.
        for (String query : List.of("status=done", "status=DRAFT", "deleted=yes", "limit=0", "limit=501", "limit=-1",
                "limit=1.5", "limit=abc", "offset=-1", "offset=x", "teamId=someone-else")) {
            cases.add(new Case("GET", campaigns + "?" + query, null, null, query.substring(0, query.indexOf('='))));
        }
        // Phone numbers.
        String numbers = "/api/crm/phone-numbers";
        for (String body : List.of("{}", "{\"number\":\"\"}", "{\"number\":\"12345\"}", "{\"number\":\"+1 000\"}",
                "{\"number\":12025550100}", "{\"number\":\"+12025550100\",\"label\":7}",
                "{\"number\":\"(202) 555-0100\",\"defaultCountry\":\"XX\"}", "{\"number\":\"+12025550100\",\"lable\":\"x\"}",
                "{\"number\":\"" + "9".repeat(50) + "\"}")) {
            cases.add(new Case("POST", numbers, json, body, body.contains("lable") ? "lable"
                    : body.contains("defaultCountry") ? "defaultCountry" : body.contains("label") ? "label" : "number"));
        }
        cases.add(new Case("GET", numbers + "?limit=x", null, null, "limit"));
        // Wrong media type and method.
        cases.add(new Case("POST", campaigns, "text/plain", "name=x", null));
        cases.add(new Case("POST", campaigns, "application/xml", "<name>x</name>", null));
        cases.add(new Case("PUT", one, json, "{\"name\":\"x\"}", null));
        // Unknown ids (malformed and well-formed) are 404, never 500.
        for (String path : List.of(campaigns + "/not-a-uuid", campaigns + "/" + UUID.randomUUID(),
                campaigns + "/not-a-uuid/contacts", members + "/not-a-uuid", members + "/" + UUID.randomUUID())) {
            cases.add(new Case(path.endsWith("contacts") ? "GET" : "DELETE", path, null, null, null));
        }
        cases.add(new Case("POST", campaigns + "/" + UUID.randomUUID() + "/run", json,
                "{\"accountSlug\":\"" + team.accountSlug() + "\"}", null));

        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            var request = team.request();
            if (c.contentType() != null) {
                request = request.contentType(c.contentType());
            }
            if (c.body() != null) {
                request = request.body(c.body());
            }
            Response response = request.request(c.method(), c.path());
            int status = response.statusCode();
            String label = c.method() + " " + c.path() + " " + (c.body() == null ? "" : abbreviate(c.body()));
            if (status < 400 || status >= 500) {
                failures.add(label + " -> " + status + " " + abbreviate(response.asString()));
                continue;
            }
            if (!response.contentType().startsWith("application/problem+json")) {
                failures.add(label + " -> content type " + response.contentType());
                continue;
            }
            if (c.expectedField() != null) {
                List<String> fields = response.jsonPath().getList("errors.field");
                if (fields == null || !fields.contains(c.expectedField())) {
                    failures.add(label + " -> fields " + fields + ", expected " + c.expectedField() + ": "
                            + abbreviate(response.asString()));
                }
            }
        }
        assertTrue(cases.size() >= 100, "at least 100 malformed requests, got " + cases.size());
        assertEquals(List.of(), failures);
        assertEquals(before, counts(), "rejected requests must write nothing");
    }

    @Test
    void theHarnessWouldSeeAWrite() {
        // Guards the check above: a request that does write is visible in the counts.
        ApiClients.Team team = ApiClients.newTeam(keys);
        Map<String, Long> before = counts();
        team.request().body(Map.of("name", "written")).post("/api/crm/campaigns").then().statusCode(201);
        assertFalse(before.equals(counts()));
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
