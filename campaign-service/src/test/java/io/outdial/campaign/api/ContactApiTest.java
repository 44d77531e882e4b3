package io.outdial.campaign.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactApiTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private static final String CONTACTS = "/api/crm/contacts";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private String create(Map<String, Object> body) {
        return team.request().body(body).post(CONTACTS).then().statusCode(201).extract().path("id");
    }

    private long rows(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().atMost(DB_WAIT).iterator().next()
                .getLong(0);
    }

    private long contactRows() {
        return rows("SELECT count(*) FROM contacts WHERE team_id = $1", team.teamId());
    }

    @Test
    void createNormalisesToE164AndInfersTheTimezoneFromTheNumber() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Ann");
        body.put("lastName", "Lee");
        body.put("phone", "(202) 555-0123");
        body.put("defaultCountry", "US");
        body.put("email", "ann@example.com");
        body.put("companyId", "acme");
        body.put("customFields", Map.of("plan", "gold", "seats", 12, "nested", Map.of("a", List.of(1, 2))));
        body.put("tags", List.of("vip", "east"));
        team.request().body(body).post(CONTACTS)
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("teamId", equalTo(team.teamId()))
                .body("phone", equalTo("+12025550123"))
                .body("timezone", equalTo("America/New_York"))
                .body("doNotCall", equalTo(false))
                .body("customFields.plan", equalTo("gold"))
                .body("customFields.seats", equalTo(12))
                .body("customFields.nested.a", equalTo(List.of(1, 2)))
                .body("tags", equalTo(List.of("vip", "east")))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
    }

    @Test
    void anExplicitTimezoneIsKept() {
        team.request().body(Map.of("phone", "+12025550123", "timezone", "America/Chicago", "doNotCall", true))
                .post(CONTACTS)
                .then().statusCode(201)
                .body("timezone", equalTo("America/Chicago"))
                .body("doNotCall", equalTo(true))
                .body("customFields", equalTo(Map.of()))
                .body("tags", hasSize(0));
    }

    @Test
    void getReturnsTheContact() {
        String id = create(Map.of("phone", "+4930901820", "firstName", "Jens"));
        team.request().get(CONTACTS + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("firstName", equalTo("Jens"))
                .body("phone", equalTo("+4930901820"))
                .body("timezone", equalTo("Europe/Berlin"));
    }

    @Test
    void patchChangesOnlyTheFieldsGiven() {
        String id = create(Map.of("phone", "+12025550123", "firstName", "Ann", "lastName", "Lee", "tags", List.of("a")));
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("lastName", "Park");
        change.put("email", null);
        change.put("doNotCall", true);
        change.put("tags", List.of("b", "c"));
        change.put("phone", "0301234567");
        change.put("defaultCountry", "DE");
        team.request().body(change).patch(CONTACTS + "/" + id)
                .then().statusCode(200)
                .body("firstName", equalTo("Ann"))
                .body("lastName", equalTo("Park"))
                .body("email", nullValue())
                .body("doNotCall", equalTo(true))
                .body("tags", equalTo(List.of("b", "c")))
                .body("phone", equalTo("+49301234567"));
        team.request().get(CONTACTS + "/" + id).then().statusCode(200).body("lastName", equalTo("Park"));
    }

    @Test
    void badPatchIsRefusedNamingTheFieldsAndChangesNothing() {
        String id = create(Map.of("phone", "+12025550123", "firstName", "Ann"));
        team.request().body(Map.of("firstName", "Bob", "timezone", "Mars/Base", "email", "nope"))
                .patch(CONTACTS + "/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("timezone", "email"));
        team.request().get(CONTACTS + "/" + id).then().statusCode(200).body("firstName", equalTo("Ann"));
    }

    @Test
    void deleteRemovesTheContact() {
        String id = create(Map.of("phone", "+12025550123"));
        team.request().delete(CONTACTS + "/" + id).then().statusCode(204);
        team.request().get(CONTACTS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        team.request().delete(CONTACTS + "/" + id).then().statusCode(404);
    }

    @Test
    void listFiltersBySearchCompanyAndDoNotCall() {
        create(Map.of("phone", "+12025550101", "firstName", "Alice", "lastName", "Smith", "companyId", "acme"));
        create(Map.of("phone", "+12025550102", "firstName", "Bob", "email", "bob@SMITHWORKS.io", "companyId", "acme",
                "doNotCall", true));
        create(Map.of("phone", "+12025550103", "firstName", "Carol", "companyId", "globex"));

        team.request().get(CONTACTS + "?search=smith").then().statusCode(200)
                .body("total", equalTo(2))
                .body("contacts.firstName", containsInAnyOrder("Alice", "Bob"));
        team.request().get(CONTACTS + "?search=CAROL").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("Carol")));
        team.request().get(CONTACTS + "?search=5550103").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("Carol")));
        team.request().get(CONTACTS + "?search=(202) 555-0102").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("Bob")));
        team.request().get(CONTACTS + "?search=%25").then().statusCode(200).body("total", equalTo(0));
        team.request().get(CONTACTS + "?companyId=acme").then().statusCode(200)
                .body("total", equalTo(2))
                .body("contacts.firstName", containsInAnyOrder("Alice", "Bob"));
        team.request().get(CONTACTS + "?doNotCall=true").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("Bob")));
        team.request().get(CONTACTS + "?doNotCall=false&companyId=acme").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("Alice")));
    }

    @Test
    void listPagesWithTheTotalOfAllMatches() {
        for (int i = 0; i < 5; i++) {
            create(Map.of("phone", "+1202555011" + i, "firstName", "P" + i));
        }
        team.request().get(CONTACTS + "?limit=2&offset=0").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("P0", "P1")))
                .body("total", equalTo(5))
                .body("limit", equalTo(2))
                .body("offset", equalTo(0));
        team.request().get(CONTACTS + "?limit=2&offset=4").then().statusCode(200)
                .body("contacts.firstName", equalTo(List.of("P4")))
                .body("total", equalTo(5))
                .body("offset", equalTo(4));
        team.request().get(CONTACTS).then().statusCode(200).body("limit", equalTo(io.outdial.campaign.domain.PageRequest.DEFAULT_LIMIT));
    }

    @Test
    void badListParametersAreRefusedNamingThem() {
        team.request().get(CONTACTS + "?limit=abc").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        team.request().get(CONTACTS + "?doNotCall=yes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("doNotCall"));
    }

    @Test
    void anotherTeamsContactIsNotFound() {
        String id = create(Map.of("phone", "+12025550123", "firstName", "Ann"));
        ApiClients.Team other = ApiClients.newTeam(keys);
        other.request().get(CONTACTS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        other.request().body(Map.of("firstName", "Mallory")).patch(CONTACTS + "/" + id).then().statusCode(404);
        other.request().delete(CONTACTS + "/" + id).then().statusCode(404);
        other.request().get(CONTACTS).then().statusCode(200).body("total", equalTo(0));
        team.request().get(CONTACTS + "/" + id).then().statusCode(200).body("firstName", equalTo("Ann"));
    }

    @Test
    void aPathIdThatIsNotAUuidIsNotFound() {
        team.request().get(CONTACTS + "/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void deleteIsRefusedWhileACampaignIsCallingTheContact() {
        String id = create(Map.of("phone", "+12025550123"));
        UUID campaign = insertCampaign(1);
        insertCampaignContact(campaign, id, "calling");

        team.request().delete(CONTACTS + "/" + id).then().statusCode(409).contentType("application/problem+json");
        team.request().get(CONTACTS + "/" + id).then().statusCode(200);
        assertEquals(1, rows("SELECT count(*) FROM campaign_contacts WHERE contact_id = $1", UUID.fromString(id)));
        assertEquals(1, rows("SELECT total_contacts FROM campaigns WHERE id = $1", campaign));
    }

    @Test
    void deleteTakesTheContactOutOfCampaignsNotCallingIt() {
        String id = create(Map.of("phone", "+12025550123"));
        String other = create(Map.of("phone", "+12025550124"));
        UUID campaign = insertCampaign(2);
        insertCampaignContact(campaign, id, "completed");
        insertCampaignContact(campaign, other, "pending");

        team.request().delete(CONTACTS + "/" + id).then().statusCode(204);
        assertEquals(0, rows("SELECT count(*) FROM campaign_contacts WHERE contact_id = $1", UUID.fromString(id)));
        assertEquals(1, rows("SELECT total_contacts FROM campaigns WHERE id = $1", campaign));
        assertEquals(1, contactRows());
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndWritesNothing() {
        long before = contactRows();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", "12345");
        body.put("email", "not-an-email");
        body.put("timezone", "UTC");
        body.put("tags", List.of("x".repeat(101)));
        team.request().body(body).post(CONTACTS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("phone", "email", "timezone", "tags[0]"));
        team.request().body(Map.of("firstName", "NoPhone")).post(CONTACTS)
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
        team.request().body(Map.of("phone", "2025550123", "defaultCountry", "ZZ")).post(CONTACTS)
                .then().statusCode(400).body("errors.field", hasItem("defaultCountry"));
        team.request().body(Map.of("phone", "+12025550123", "doNotCall", "yes")).post(CONTACTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("doNotCall"));
        team.request().body(Map.of("phone", "+12025550123", "nickname", "x")).post(CONTACTS)
                .then().statusCode(400).body("errors[0].field", equalTo("nickname"));
        team.request().body(Map.of("phone", "+12025550123", "customFields", "flat")).post(CONTACTS)
                .then().statusCode(400).body("errors[0].field", equalTo("customFields"));
        team.request().body(Map.of("phone", "+12025550123", "customFields", Map.of("blob", "x".repeat(17_000))))
                .post(CONTACTS)
                .then().statusCode(400).body("errors[0].field", equalTo("customFields"));
        team.request().body("{not json").post(CONTACTS)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        assertEquals(before, contactRows());
    }

    private UUID insertCampaign(long totalContacts) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO campaigns (id, team_id, name, status, call_window_start, call_window_end,
                    call_window_timezone, max_concurrent_calls, max_retries, retry_delay_minutes, total_contacts)
                VALUES ($1, $2, 'test', 'running', '09:00', '17:00', 'America/New_York', 3, 3, 60, $3)
                """).execute(Tuple.of(id, team.teamId(), totalContacts)).await().atMost(DB_WAIT);
        return id;
    }

    private void insertCampaignContact(UUID campaign, String contactId, String status) {
        pool.preparedQuery("INSERT INTO campaign_contacts (id, campaign_id, contact_id, status) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.randomUUID(), campaign, UUID.fromString(contactId), status))
                .await().atMost(DB_WAIT);
    }
}
