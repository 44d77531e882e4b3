package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * API keys through the operator path (API.md v1.1): listed without secrets, revoked at once,
 * rotated with a grace period, expiring, and remembering when they were last used.
 */
@QuarkusTest
@TestProfile(ApiKeyLifecycleTest.OperatorToken.class)
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApiKeyLifecycleTest {

    static final String ADMIN_TOKEN = "operator-token-for-tests";
    private static final String KEYS = "/admin/api-keys";
    /** The longest an expiry, a grace period or a background write of these tests may take to show. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Long enough for the old key's requests to land within it on a busy machine, short enough to wait out. */
    private static final int GRACE_SECONDS = 4;

    /** The operator path exists only with a token; the rest of the configuration is the default one. */
    public static class OperatorToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outdial.admin.token", ADMIN_TOKEN);
        }
    }

    record Issued(String id, String key, JsonPath body) {
    }

    private static RequestSpecification admin() {
        return given().header("X-Admin-Token", ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    private static String newTeamId() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Issued create(String teamId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("teamId", teamId, "accountSlug", "acct-" + teamId));
        body.putAll(extra);
        JsonPath created = admin().body(body).post(KEYS).then().statusCode(201).extract().jsonPath();
        return new Issued(created.getString("id"), created.getString("key"), created);
    }

    private static Issued rotate(String id, Map<String, Object> body) {
        JsonPath rotated = admin().body(body).post(KEYS + "/" + id + "/rotate").then().statusCode(201).extract().jsonPath();
        return new Issued(rotated.getString("id"), rotated.getString("key"), rotated);
    }

    /** The status of an authenticated read with this key. */
    private static int use(String key) {
        return given().header("Authorization", "Bearer " + key).get("/api/crm/campaigns").statusCode();
    }

    private static JsonPath list(String teamId) {
        return admin().queryParam("teamId", teamId).get(KEYS).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> listed(String teamId, String id) {
        List<Map<String, Object>> keys = list(teamId).getList("apiKeys");
        return keys.stream().filter(k -> id.equals(k.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void aTeamsKeysAreListedOldestFirstWithoutTheirSecrets() {
        String teamId = newTeamId();
        Instant expiry = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Issued first = create(teamId, Map.of("name", "crm sync"));
        Issued second = create(teamId, Map.of("expiresAt", expiry.toString()));
        create(newTeamId(), Map.of());

        assertEquals(first.key().substring(0, 10), first.body().getString("prefix"));
        assertEquals(expiry, Instant.parse(second.body().getString("expiresAt")));

        String raw = admin().queryParam("teamId", teamId).get(KEYS).then().statusCode(200)
                .body("total", equalTo(2))
                .body("limit", equalTo(50))
                .body("apiKeys.id", equalTo(List.of(first.id(), second.id())))
                .body("apiKeys.teamId", equalTo(List.of(teamId, teamId)))
                .body("apiKeys.name", equalTo(List.of("crm sync", "api key")))
                .body("apiKeys.prefix", equalTo(List.of(first.key().substring(0, 10), second.key().substring(0, 10))))
                .body("apiKeys.status", equalTo(List.of("active", "active")))
                .body("apiKeys[0].createdAt", notNullValue())
                .body("apiKeys[0].expiresAt", nullValue())
                .body("apiKeys[0].lastUsedAt", nullValue())
                .body("apiKeys[0].revokedAt", nullValue())
                .body("apiKeys[1].expiresAt", notNullValue())
                .body("apiKeys[0].key", nullValue())
                .extract().asString();
        assertFalse(raw.contains(first.key()) || raw.contains(second.key()), "a list never shows a secret: " + raw);

        admin().queryParam("teamId", teamId).queryParam("limit", 1).queryParam("offset", 1).get(KEYS).then().statusCode(200)
                .body("apiKeys.id", equalTo(List.of(second.id()))).body("total", equalTo(2));
        admin().queryParam("teamId", newTeamId()).get(KEYS).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aListNamesItsTeam() {
        admin().get(KEYS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("teamId"))).body("errors[0].message", equalTo("is required"));
        admin().queryParam("teamId", " ").get(KEYS).then().statusCode(400).body("errors.field", equalTo(List.of("teamId")));
        admin().queryParam("teamId", "t".repeat(201)).get(KEYS).then().statusCode(400)
                .body("errors.field", equalTo(List.of("teamId")));
        admin().queryParam("teamId", "x").queryParam("limit", "lots").get(KEYS).then().statusCode(400)
                .body("errors.field", equalTo(List.of("limit")));
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestOn() {
        String teamId = newTeamId();
        Issued issued = create(teamId, Map.of());
        assertEquals(200, use(issued.key()));

        String revokedAt = admin().post(KEYS + "/" + issued.id() + "/revoke").then().statusCode(200)
                .body("id", equalTo(issued.id()))
                .body("status", equalTo("revoked"))
                .body("revokedAt", notNullValue())
                .body("key", nullValue())
                .extract().path("revokedAt");

        given().header("Authorization", "Bearer " + issued.key()).get("/api/crm/campaigns")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        // Refused before the body is read: an invalid body does not turn the 401 into a 400.
        given().header("Authorization", "Bearer " + issued.key()).contentType(ContentType.JSON).body("{\"name\": 7")
                .post("/api/crm/campaigns").then().statusCode(401);

        admin().post(KEYS + "/" + issued.id() + "/revoke").then().statusCode(200).body("revokedAt", equalTo(revokedAt));
        assertEquals("revoked", listed(teamId, issued.id()).get("status"));
        admin().post(KEYS + "/" + UUID.randomUUID() + "/revoke").then().statusCode(404).contentType("application/problem+json");
        admin().post(KEYS + "/not-an-id/revoke").then().statusCode(404);
    }

    @Test
    void aRotatedKeyWorksUntilItsGraceEndsAndItsSuccessorGoesOn() {
        String teamId = newTeamId();
        Issued old = create(teamId, Map.of("name", "billing"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Issued successor = rotate(old.id(), Map.of("graceSeconds", GRACE_SECONDS));

        assertNotEquals(old.id(), successor.id());
        assertTrue(successor.key().startsWith("odk_"));
        assertNotEquals(old.key(), successor.key());
        assertEquals(teamId, successor.body().getString("teamId"));
        assertEquals("acct-" + teamId, successor.body().getString("accountSlug"));
        assertEquals("billing", successor.body().getString("name"));
        assertEquals(old.id(), successor.body().getString("previous.id"));
        assertEquals(successor.id(), successor.body().getString("previous.replacedBy"));
        Instant graceEnd = Instant.parse(successor.body().getString("previous.expiresAt"));
        assertFalse(graceEnd.isBefore(before.plusSeconds(GRACE_SECONDS)), "grace ends " + graceEnd);
        assertEquals("rotated", successor.body().getString("previous.status"));

        // Within the grace both keys work, for the same team.
        String campaign = given().header("Authorization", "Bearer " + old.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "made with the old key")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", "Bearer " + successor.key()).get("/api/crm/campaigns/" + campaign)
                .then().statusCode(200);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> use(old.key()) == 401);
        assertEquals(200, use(successor.key()));
        assertEquals("expired", listed(teamId, old.id()).get("status"));
        assertEquals("active", listed(teamId, successor.id()).get("status"));
    }

    @Test
    void theGraceDefaultsToTheConfiguredPeriodAndARotationMayOnlyShortenIt() {
        Issued old = create(newTeamId(), Map.of());
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JsonPath rotated = admin().post(KEYS + "/" + old.id() + "/rotate").then().statusCode(201).extract().jsonPath();
        Instant graceEnd = Instant.parse(rotated.getString("previous.expiresAt"));
        Instant after = Instant.now();
        assertFalse(graceEnd.isBefore(before.plus(Duration.ofHours(24))) || graceEnd.isAfter(after.plus(Duration.ofHours(24))),
                "the default grace is outdial.api-keys.rotation-grace (PT24H): " + graceEnd);
        assertEquals("rotated", rotated.getString("previous.status"));
        assertEquals(200, use(old.key()));
        assertEquals(200, use(rotated.getString("key")));

        Issued other = create(newTeamId(), Map.of());
        for (Object grace : List.of(86_401, -1)) {
            admin().body(Map.of("graceSeconds", grace)).post(KEYS + "/" + other.id() + "/rotate").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", equalTo(List.of("graceSeconds")));
        }
        admin().body("{\"graceSeconds\": \"soon\"}").post(KEYS + "/" + other.id() + "/rotate").then().statusCode(400)
                .body("errors.field", equalTo(List.of("graceSeconds")));
        admin().body(Map.of("expiresAt", "2020-01-01T00:00:00Z")).post(KEYS + "/" + other.id() + "/rotate").then()
                .statusCode(400).body("errors.field", equalTo(List.of("expiresAt")));
        assertEquals("active", listed(other.body().getString("teamId"), other.id()).get("status"),
                "a refused rotation leaves the key as it was");

        Instant successorExpiry = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
        Issued successor = rotate(other.id(), Map.of("graceSeconds", 0, "expiresAt", successorExpiry.toString()));
        assertEquals(successorExpiry, Instant.parse(successor.body().getString("expiresAt")));
        assertEquals(401, use(other.key()), "a grace of 0 ends the old key at once");
        assertEquals(200, use(successor.key()));
    }

    @Test
    void onlyAnActiveKeyCanBeRotated() {
        String teamId = newTeamId();
        Issued revoked = create(teamId, Map.of());
        admin().post(KEYS + "/" + revoked.id() + "/revoke").then().statusCode(200);
        admin().post(KEYS + "/" + revoked.id() + "/rotate").then().statusCode(409).contentType("application/problem+json")
                .body("currentStatus", equalTo("revoked"));

        Issued rotated = create(teamId, Map.of());
        String successor = rotate(rotated.id(), Map.of()).id();
        admin().post(KEYS + "/" + rotated.id() + "/rotate").then().statusCode(409)
                .body("currentStatus", equalTo("rotated")).body("detail", containsString(successor));

        Issued expiring = create(teamId, Map.of("expiresAt", Instant.now().plusSeconds(2).toString()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> use(expiring.key()) == 401);
        admin().post(KEYS + "/" + expiring.id() + "/rotate").then().statusCode(409).body("currentStatus", equalTo("expired"));

        admin().post(KEYS + "/" + UUID.randomUUID() + "/rotate").then().statusCode(404);
        assertEquals(4, list(teamId).getInt("total"), "no refused rotation issued a key");
    }

    @Test
    void anExpiryMustLieInTheFutureAndAnExpiredKeyIsRefused() {
        String teamId = newTeamId();
        admin().body(Map.of("teamId", teamId, "accountSlug", "a", "expiresAt", Instant.now().minusSeconds(1).toString()))
                .post(KEYS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("expiresAt")))
                .body("errors[0].message", equalTo("must be in the future"));
        admin().body(Map.of("teamId", teamId, "accountSlug", "a", "expiresAt", "2099-01-01T00:00:00"))
                .post(KEYS).then().statusCode(400).body("errors.field", equalTo(List.of("expiresAt")));
        assertEquals(0, list(teamId).getInt("total"));

        Issued expiring = create(teamId, Map.of("expiresAt", Instant.now().plusSeconds(3).toString()));
        assertEquals(200, use(expiring.key()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> use(expiring.key()) == 401);
        given().header("Authorization", "Bearer " + expiring.key()).get("/api/crm/campaigns").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", equalTo("the API key is unknown, revoked or expired"));
        assertEquals("expired", listed(teamId, expiring.id()).get("status"));
    }

    @Test
    void lastUsedAtIsRecordedOnUseButNotRewrittenOnEveryRequest() {
        String teamId = newTeamId();
        Issued issued = create(teamId, Map.of());
        assertNull(listed(teamId, issued.id()).get("lastUsedAt"));

        Instant before = Instant.now().minusSeconds(1);
        assertEquals(200, use(issued.key()));
        String first = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> (String) listed(teamId, issued.id()).get("lastUsedAt"), java.util.Objects::nonNull);
        assertFalse(Instant.parse(first).isBefore(before), "lastUsedAt " + first);

        for (int i = 0; i < 5; i++) {
            assertEquals(200, use(issued.key()));
        }
        // Within outdial.api-keys.last-used-interval (a minute) later uses are not written.
        await().during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> first.equals(listed(teamId, issued.id()).get("lastUsedAt")));
    }

    @Test
    void everyOperatorPathAsksForTheOperatorToken() {
        Issued issued = create(newTeamId(), Map.of());
        String teamId = issued.body().getString("teamId");
        List<Supplier<RequestSpecification>> callers = List.of(() -> given().contentType(ContentType.JSON),
                () -> given().header("X-Admin-Token", "guess").contentType(ContentType.JSON),
                () -> given().header("Authorization", "Bearer " + issued.key()).contentType(ContentType.JSON));
        for (Supplier<RequestSpecification> caller : callers) {
            caller.get().queryParam("teamId", teamId).get(KEYS).then().statusCode(401)
                    .contentType("application/problem+json");
            caller.get().body(Map.of("teamId", teamId, "accountSlug", "a")).post(KEYS).then().statusCode(401);
            caller.get().post(KEYS + "/" + issued.id() + "/revoke").then().statusCode(401);
            caller.get().body(Map.of("graceSeconds", 0)).post(KEYS + "/" + issued.id() + "/rotate").then().statusCode(401);
        }
        assertEquals(200, use(issued.key()), "refused operator calls changed nothing");
        JsonPath keys = list(teamId);
        assertEquals(1, keys.getInt("total"));
        assertEquals("active", keys.getString("apiKeys[0].status"));
        assertNotNull(keys.getString("apiKeys[0].createdAt"));
        assertNull(keys.get("apiKeys[0].revokedAt"));
    }
}
