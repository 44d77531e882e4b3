package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Adding contacts to a campaign by filter (one set-based step, the caller's team only) and importing
 * contacts straight into a campaign (import and membership in one transaction).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BulkMembershipTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    ApiClients.Team team;
    ApiClients.Team otherTeam;

    @BeforeEach
    void newTeams() {
        team = ApiClients.newTeam(keys);
        otherTeam = ApiClients.newTeam(keys);
    }

    private String contact(ApiClients.Team owner, String phone, String companyId, List<String> tags, boolean doNotCall) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", phone);
        body.put("tags", tags);
        body.put("doNotCall", doNotCall);
        if (companyId != null) {
            body.put("companyId", companyId);
        }
        return owner.request().body(body).post("/api/crm/contacts").then().statusCode(201).extract().path("id");
    }

    private String campaign(ApiClients.Team owner) {
        return owner.request().body(Map.of("name", "bulk")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
    }

    private Set<String> members(String campaign) {
        Set<String> ids = new TreeSet<>();
        pool.preparedQuery("SELECT contact_id FROM campaign_contacts WHERE campaign_id = $1")
                .execute(Tuple.of(UUID.fromString(campaign))).await().atMost(DB_WAIT)
                .forEach(r -> ids.add(r.getUUID(0).toString()));
        return ids;
    }

    private Map<String, String> statuses(String campaign) {
        Map<String, String> out = new HashMap<>();
        pool.preparedQuery("SELECT contact_id, status || coalesce('/' || skip_reason, '') FROM campaign_contacts"
                + " WHERE campaign_id = $1").execute(Tuple.of(UUID.fromString(campaign))).await().atMost(DB_WAIT)
                .forEach(r -> out.put(r.getUUID(0).toString(), r.getString(1)));
        return out;
    }

    private long totalContacts(String campaign) {
        return pool.preparedQuery("SELECT total_contacts FROM campaigns WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(campaign))).await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    private long rows(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().atMost(DB_WAIT).iterator().next()
                .getLong(0);
    }

    private JsonPath addByFilter(String campaign, Map<String, Object> filter) {
        return team.request().body(Map.of("filter", filter)).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void eachFilterAddsExactlyTheTeamsMatchingContactsAndIsIdempotent() {
        String vipAcme = contact(team, "+12025550101", "acme", List.of("vip", "east"), false);
        String plainAcme = contact(team, "+12025550102", "acme", List.of(), false);
        String vipOther = contact(team, "+12025550103", "globex", List.of("vip"), true);
        String loner = contact(team, "+12025550104", null, List.of("west"), false);
        // Another team's contacts match the same filters and must never join.
        contact(otherTeam, "+12025550105", "acme", List.of("vip"), false);
        contact(otherTeam, "+12025550106", null, List.of(), false);

        String byTag = campaign(team);
        JsonPath tagged = addByFilter(byTag, Map.of("tag", "vip"));
        assertEquals(2, tagged.getInt("added"));
        assertEquals(0, tagged.getInt("alreadyInCampaign"));
        assertEquals(List.of(), tagged.getList("invalid"));
        assertEquals(2, tagged.getLong("totalContacts"));
        assertEquals(new TreeSet<>(Set.of(vipAcme, vipOther)), members(byTag));
        assertEquals(Map.of(vipAcme, "pending", vipOther, "skipped/do_not_call"), statuses(byTag));

        String byCompany = campaign(team);
        assertEquals(2, addByFilter(byCompany, Map.of("companyId", "acme")).getInt("added"));
        assertEquals(new TreeSet<>(Set.of(vipAcme, plainAcme)), members(byCompany));

        String everyone = campaign(team);
        assertEquals(4, addByFilter(everyone, Map.of("all", true)).getInt("added"));
        assertEquals(new TreeSet<>(Set.of(vipAcme, plainAcme, vipOther, loner)), members(everyone));

        // Again: nobody joins twice, the counters stay right.
        JsonPath again = addByFilter(everyone, Map.of("all", true));
        assertEquals(0, again.getInt("added"));
        assertEquals(4, again.getInt("alreadyInCampaign"));
        assertEquals(4, again.getLong("totalContacts"));
        assertEquals(4, totalContacts(everyone));
        JsonPath tagAgain = addByFilter(everyone, Map.of("tag", "west"));
        assertEquals(0, tagAgain.getInt("added"));
        assertEquals(1, tagAgain.getInt("alreadyInCampaign"));

        // Names that match nothing add nothing.
        String none = campaign(team);
        assertEquals(0, addByFilter(none, Map.of("tag", "nobody")).getInt("added"));
        assertEquals(0, addByFilter(none, Map.of("companyId", "initech")).getInt("added"));
        assertEquals(0, addByFilter(none, Map.of("importId", UUID.randomUUID().toString())).getInt("added"));
        assertEquals(Set.of(), members(none));
        assertEquals(0, totalContacts(none));
    }

    @Test
    void contactsJoinInTheOrderTheyWereCreated() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(contact(team, "+1202555011" + i, null, List.of("wave"), false));
        }
        String campaign = campaign(team);
        addByFilter(campaign, Map.of("tag", "wave"));
        List<String> listed = team.request().get("/api/crm/campaigns/" + campaign + "/contacts").then().statusCode(200)
                .extract().jsonPath().getList("contacts.contactId");
        assertEquals(created, listed);
    }

    @Test
    void anotherTeamsCampaignIsNotFoundAndGetsNothing() {
        contact(team, "+12025550121", null, List.of(), false);
        String theirs = campaign(otherTeam);
        team.request().body(Map.of("filter", Map.of("all", true))).post("/api/crm/campaigns/" + theirs + "/contacts")
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(Set.of(), members(theirs));
    }

    @Test
    void badFilterShapesAnswer400NamingTheFieldAndWriteNothing() {
        contact(team, "+12025550131", "acme", List.of("vip"), false);
        String campaign = campaign(team);
        String path = "/api/crm/campaigns/" + campaign + "/contacts";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{}", "contactIds");
        cases.put("{\"filter\": null}", "contactIds");
        cases.put("{\"filter\": {}}", "filter");
        cases.put("{\"filter\": {\"all\": true, \"tag\": \"vip\"}}", "filter");
        cases.put("{\"filter\": {\"tag\": \"vip\"}, \"contactIds\": [\"" + UUID.randomUUID() + "\"]}", "filter");
        cases.put("{\"filter\": {\"all\": false}}", "filter.all");
        cases.put("{\"filter\": {\"all\": \"yes\"}}", "filter.all");
        cases.put("{\"filter\": {\"tag\": \" \"}}", "filter.tag");
        cases.put("{\"filter\": {\"tag\": \"" + "t".repeat(101) + "\"}}", "filter.tag");
        cases.put("{\"filter\": {\"tag\": 5}}", "filter.tag");
        cases.put("{\"filter\": {\"companyId\": \"\"}}", "filter.companyId");
        cases.put("{\"filter\": {\"importId\": \"not-an-id\"}}", "filter.importId");
        cases.put("{\"filter\": {\"color\": \"red\"}}", "filter.color");
        cases.put("{\"filter\": \"all\"}", "filter");
        cases.forEach((body, field) -> team.request().body(body).post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)));
        assertEquals(Set.of(), members(campaign));
        assertEquals(0, totalContacts(campaign));
    }

    @Test
    void aCancelledCampaignTakesNoFilterAddition() {
        contact(team, "+12025550141", null, List.of(), false);
        String campaign = campaign(team);
        team.request().post("/api/crm/campaigns/" + campaign + "/cancel").then().statusCode(200);
        team.request().body(Map.of("filter", Map.of("all", true))).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(409);
        assertEquals(Set.of(), members(campaign));
    }

    @Test
    void theContactImportAnswersAnImportIdWhoseContactsAFilterAdds() {
        contact(team, "+12025550151", null, List.of(), false);
        String importId = team.request().contentType("text/csv").body("phone,doNotCall\n+12025550152,false\n"
                + "+12025550153,true\nnot-a-phone,false\n").post("/api/crm/contacts/import")
                .then().statusCode(200).body("imported", equalTo(2)).body("importId", notNullValue())
                .extract().path("importId");
        assertEquals(2, rows("SELECT count(*) FROM contacts WHERE team_id = $1 AND import_id = $2", team.teamId(),
                UUID.fromString(importId)));

        String campaign = campaign(team);
        JsonPath added = addByFilter(campaign, Map.of("importId", importId));
        assertEquals(2, added.getInt("added"));
        assertEquals(new TreeSet<>(List.of("pending", "skipped/do_not_call")), new TreeSet<>(statuses(campaign).values()));

        // Another team cannot reach the import's contacts by its id.
        String theirs = campaign(otherTeam);
        otherTeam.request().body(Map.of("filter", Map.of("importId", importId)))
                .post("/api/crm/campaigns/" + theirs + "/contacts").then().statusCode(200).body("added", equalTo(0));
        assertEquals(Set.of(), members(theirs));
    }

    @Test
    void csvImportIntoACampaignImportsTheRowsAndAddsThemInOneStep() {
        String existing = contact(team, "+12025550160", null, List.of(), false);
        String campaign = campaign(team);
        team.request().body(Map.of("contactIds", List.of(existing))).post("/api/crm/campaigns/" + campaign + "/contacts")
                .then().statusCode(200);
        JsonPath result = team.request().contentType("text/csv").queryParam("defaultCountry", "US")
                .body("firstName,phone,doNotCall\nAnn,(202) 555-0161,false\nBob,+12025550162,true\nBad,12345,false\n")
                .post("/api/crm/campaigns/" + campaign + "/contacts/import")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, result.getLong("imported"));
        assertEquals(1, result.getLong("failed"));
        assertEquals(3, result.getInt("errors[0].row"));
        assertEquals("phone", result.getString("errors[0].field"));
        assertEquals(2, result.getInt("added"));
        assertEquals(3, result.getLong("totalContacts"));
        String importId = result.getString("importId");
        assertEquals(2, rows("SELECT count(*) FROM contacts WHERE team_id = $1 AND import_id = $2", team.teamId(),
                UUID.fromString(importId)));
        assertEquals(3, members(campaign).size());
        assertEquals(3, totalContacts(campaign));
        List<String> states = new ArrayList<>(statuses(campaign).values());
        Collections.sort(states);
        assertEquals(List.of("pending", "pending", "skipped/do_not_call"), states);
    }

    @Test
    void jsonImportIntoACampaignAddsTheImportedContacts() {
        String campaign = campaign(team);
        team.request().body("{\"contacts\": [{\"phone\": \"+12025550171\", \"firstName\": \"Ann\"},"
                + " {\"phone\": \"+12025550172\"}]}").post("/api/crm/campaigns/" + campaign + "/contacts/import")
                .then().statusCode(200)
                .body("imported", equalTo(2)).body("failed", equalTo(0)).body("errors", hasSize(0))
                .body("added", equalTo(2)).body("totalContacts", equalTo(2));
        assertEquals(2, members(campaign).size());
    }

    @Test
    void aRefusedImportIntoACampaignImportsAndAddsNothing() {
        String campaign = campaign(team);
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < 700; i++) {
            csv.append("+1202555").append(String.format("%04d", i)).append('\n');
        }
        csv.append("\"never closed\n");
        team.request().contentType("text/csv").body(csv.toString()).post("/api/crm/campaigns/" + campaign + "/contacts/import")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        team.request().body("{\"contacts\": [{\"phone\": \"+12025550181\"}, {\"phone\": ").post("/api/crm/campaigns/"
                + campaign + "/contacts/import").then().statusCode(400).body("errors[0].field", equalTo("body"));
        assertEquals(0, rows("SELECT count(*) FROM contacts WHERE team_id = $1", team.teamId()));
        assertEquals(Set.of(), members(campaign));
        assertEquals(0, totalContacts(campaign));
    }

    @Test
    void importIntoACancelledOrForeignCampaignIsRefusedAndImportsNothing() {
        String cancelled = campaign(team);
        team.request().post("/api/crm/campaigns/" + cancelled + "/cancel").then().statusCode(200);
        team.request().contentType("text/csv").body("phone\n+12025550191\n").post("/api/crm/campaigns/" + cancelled
                + "/contacts/import").then().statusCode(409).contentType("application/problem+json");
        String theirs = campaign(otherTeam);
        team.request().contentType("text/csv").body("phone\n+12025550192\n").post("/api/crm/campaigns/" + theirs
                + "/contacts/import").then().statusCode(404).contentType("application/problem+json");
        assertEquals(0, rows("SELECT count(*) FROM contacts WHERE team_id = $1", team.teamId()));
        assertEquals(Set.of(), members(theirs));
    }
}
