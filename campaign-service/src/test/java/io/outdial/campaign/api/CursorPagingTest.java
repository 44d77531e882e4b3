package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

/**
 * Keyset paging by cursor of contacts and campaign contacts: a walk sees every row once, in the
 * list's order, while rows are added between pages; offset paging is unchanged. Calls' cursors are
 * checked here and read by call-result-service (its own test walks them).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CursorPagingTest {

    private static final String CONTACTS = "/api/crm/contacts";

    @Inject
    ApiKeyIssuer keys;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private void importContacts(int from, int count) {
        StringBuilder csv = new StringBuilder("phone,firstName\n");
        for (int i = from; i < from + count; i++) {
            csv.append("+1202555").append(String.format("%04d", i)).append(",c").append(i).append('\n');
        }
        team.request().contentType("text/csv").body(csv.toString()).post(CONTACTS + "/import").then().statusCode(200)
                .body("imported", equalTo(count));
    }

    private String createContact(int i) {
        return team.request().body(Map.of("phone", "+1202555" + String.format("%04d", i))).post(CONTACTS)
                .then().statusCode(201).extract().path("id");
    }

    private List<String> allByOffset(String path, String listName) {
        List<String> ids = new ArrayList<>();
        for (int offset = 0;; offset += 500) {
            List<String> page = team.request().get(path + "?limit=500&offset=" + offset).then().statusCode(200).extract()
                    .jsonPath().getList(listName + ".id");
            ids.addAll(page);
            if (page.size() < 500) {
                return ids;
            }
        }
    }

    /** Walks the list by cursor, running {@code between} after each page; returns the ids in the order seen. */
    private List<String> walk(String path, String listName, int limit, Runnable between) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = team.request().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList(listName + ".id");
            assertTrue(ids.size() <= limit);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                assertEquals(limit, ids.size(), "only the last page is short");
                assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "a URL-safe cursor: " + cursor);
            }
            between.run();
            assertTrue(++pages < 1_000, "the walk ends");
        } while (cursor != null);
        return seen;
    }

    @Test
    void walkingContactsByCursorSeesEveryRowOnceInOrderWhileRowsAreAdded() {
        importContacts(0, 230);
        List<String> before = allByOffset(CONTACTS, "contacts");
        assertEquals(230, before.size());
        int[] next = { 1_000 };
        List<String> added = new ArrayList<>();
        List<String> seen = walk(CONTACTS, "contacts", 40, () -> added.add(createContact(next[0]++)));

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no row twice");
        assertEquals(before, seen.subList(0, before.size()), "the rows there at the start, in order");
        // Rows added during the walk come after it (they are newer), and in order too.
        assertEquals(added.subList(0, seen.size() - before.size()), seen.subList(before.size(), seen.size()));
        assertTrue(seen.size() > before.size(), "rows added during the walk are found");
        assertEquals(allByOffset(CONTACTS, "contacts").subList(0, seen.size()), seen);
    }

    @Test
    void offsetPagesStayAsTheyWereAndAlsoOfferACursor() {
        importContacts(0, 7);
        JsonPath first = team.request().get(CONTACTS + "?limit=3&offset=2").then().statusCode(200)
                .body("limit", equalTo(3)).body("offset", equalTo(2)).body("total", equalTo(7))
                .extract().jsonPath();
        List<String> all = allByOffset(CONTACTS, "contacts");
        assertEquals(all.subList(2, 5), first.getList("contacts.id"));
        String cursor = first.getString("nextCursor");
        assertNotNull(cursor);
        team.request().queryParam("cursor", cursor).get(CONTACTS + "?limit=3").then().statusCode(200)
                .body("contacts.id", equalTo(all.subList(5, 7))).body("nextCursor", nullValue())
                .body("total", equalTo(7));
        team.request().get(CONTACTS + "?limit=7").then().statusCode(200).body("nextCursor", nullValue());
    }

    @Test
    void filtersApplyToCursorPages() {
        importContacts(0, 6);
        team.request().body(Map.of("phone", "+12025559999", "companyId", "acme")).post(CONTACTS).then().statusCode(201);
        team.request().body(Map.of("phone", "+12025559998", "companyId", "acme")).post(CONTACTS).then().statusCode(201);
        List<String> acme = walk(CONTACTS + "?companyId=acme", "contacts", 1, () -> { });
        assertEquals(2, acme.size());
    }

    @Test
    void walkingACampaignsContactsByCursorSeesEveryMemberOnceInDialingOrder() {
        importContacts(0, 120);
        String campaign = team.request().body(Map.of("name", "paging")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        String path = "/api/crm/campaigns/" + campaign + "/contacts";
        team.request().body(Map.of("filter", Map.of("all", true))).post(path).then().statusCode(200)
                .body("added", equalTo(120));
        List<String> before = allByOffset(path, "contacts");
        int[] next = { 2_000 };
        List<String> seen = walk(path, "contacts", 25, () -> {
            String contact = createContact(next[0]++);
            team.request().body(Map.of("contactIds", List.of(contact))).post(path).then().statusCode(200);
        });
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no member twice");
        assertEquals(before, seen.subList(0, before.size()));
        assertEquals(allByOffset(path, "contacts").subList(0, seen.size()), seen);
    }

    @Test
    void aBadCursorOrACursorWithAnOffsetAnswers400NamingCursor() {
        importContacts(0, 3);
        String cursor = team.request().get(CONTACTS + "?limit=1").then().statusCode(200).extract().path("nextCursor");
        String campaign = team.request().body(Map.of("name", "paging")).post("/api/crm/campaigns").then().statusCode(201)
                .extract().path("id");
        String members = "/api/crm/campaigns/" + campaign + "/contacts";
        String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString("1\n2\n3\n4".getBytes(StandardCharsets.UTF_8));
        for (String list : List.of(CONTACTS, members, "/api/crm/calls")) {
            team.request().queryParam("cursor", cursor).queryParam("offset", "0").get(list)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
            // Calls' cursors are read by call-result-service; here only their form is checked.
            List<String> bad = list.endsWith("/calls") ? List.of("not a cursor", "%%%", "x".repeat(300), "\u00e9t\u00e9")
                    : List.of("not a cursor", "%%%", "abc", foreign, "x".repeat(300), "\u00e9t\u00e9");
            for (String value : bad) {
                team.request().queryParam("cursor", value).get(list)
                        .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
            }
        }
        // A contact list's cursor is no cursor of a campaign's contacts.
        team.request().queryParam("cursor", cursor).get(members)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }
}
