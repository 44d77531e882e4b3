package io.outdial.campaign.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deleting contacts while they are being added to campaigns: each request answers what it did
 * (added, reported as invalid, deleted, not found, conflict), never a 5xx, and the counters match
 * the memberships left behind. Real PostgreSQL, many requests in flight at once.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AddDeleteRaceTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final int ROUNDS = 6;
    private static final int CONTACTS_PER_ROUND = 60;
    private static final int CAMPAIGNS = 3;

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URI root;

    @Test
    void deletingContactsWhileTheyAreAddedNeverAnswersAServerError() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < CAMPAIGNS; i++) {
            campaigns.add(team.request().body(Map.of("name", "race " + i)).post("/api/crm/campaigns")
                    .then().statusCode(201).extract().path("id"));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Random random = new Random(7);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long reportedInvalid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> contacts = insertContacts(team.teamId(), CONTACTS_PER_ROUND);
            List<CompletableFuture<HttpResponse<String>>> adds = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> deletes = new ArrayList<>();
            // Each campaign gets every contact in batches of ten, while each contact is deleted once.
            for (String campaign : campaigns) {
                List<String> shuffled = new ArrayList<>(contacts);
                Collections.shuffle(shuffled, random);
                for (int from = 0; from < shuffled.size(); from += 10) {
                    String ids = String.join("\",\"", shuffled.subList(from, from + 10));
                    adds.add(http.sendAsync(request("/api/crm/campaigns/" + campaign + "/contacts", team.key())
                            .POST(HttpRequest.BodyPublishers.ofString("{\"contactIds\":[\"" + ids + "\"]}")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
            }
            List<String> victims = new ArrayList<>(contacts);
            Collections.shuffle(victims, random);
            for (String contact : victims) {
                deletes.add(http.sendAsync(request("/api/crm/contacts/" + contact, team.key()).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var add : adds) {
                HttpResponse<String> response = add.get(60, TimeUnit.SECONDS);
                statuses.merge("add " + response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 200) {
                    reportedInvalid += new JsonPath(response.body()).getList("invalid").size();
                } else {
                    failures.add("add -> " + response.statusCode() + " " + response.body());
                }
            }
            for (var delete : deletes) {
                HttpResponse<String> response = delete.get(60, TimeUnit.SECONDS);
                statuses.merge("delete " + response.statusCode(), 1, Integer::sum);
                // 409 would mean a campaign is calling the contact: none of these campaigns runs.
                if (response.statusCode() != 204) {
                    failures.add("delete -> " + response.statusCode() + " " + response.body());
                }
            }
        }
        System.out.println("add/delete race: " + statuses + ", ids reported invalid: " + reportedInvalid);
        assertEquals(List.of(), failures);
        assertEquals(0, count("SELECT count(*) FROM contacts WHERE team_id = $1", team.teamId()),
                "every contact was deleted in the end");
        for (String campaign : campaigns) {
            Row row = pool.preparedQuery("""
                    SELECT c.total_contacts, (SELECT count(*) FROM campaign_contacts cc WHERE cc.campaign_id = c.id) AS members
                      FROM campaigns c WHERE c.id = $1
                    """).execute(Tuple.of(UUID.fromString(campaign))).await().atMost(DB_WAIT).iterator().next();
            assertEquals(0L, row.getLong("members"), "no membership outlives its contact");
            assertEquals(0L, row.getLong("total_contacts"), "totalContacts follows the memberships");
        }
        assertTrue(statuses.getOrDefault("delete 204", 0) == ROUNDS * CONTACTS_PER_ROUND);
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json");
    }

    private List<String> insertContacts(String teamId, int n) {
        List<String> ids = new ArrayList<>();
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            rows.add(Tuple.of(id, teamId, "+1202555" + String.format("%04d", i)));
        }
        pool.preparedQuery("INSERT INTO contacts (id, team_id, phone) VALUES ($1, $2, $3)").executeBatch(rows)
                .await().atMost(DB_WAIT);
        return ids;
    }

    private long count(String sql, Object arg) {
        return pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(DB_WAIT).iterator().next().getLong(0);
    }
}
