package io.outdial.callresult;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reads campaign-service's exports make: a campaign's calls page by id (keyset), and talk time
 * summed per contact.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "call_result"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CallExportEndpointsTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    Pool pool;

    private final UUID campaign = UUID.randomUUID();

    private UUID insertCall(UUID contact, Double talkSeconds) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO calls (id, campaign_id, contact_id, campaign_contact_id, attempt, status, status_rank, outcome,
                                   talk_seconds)
                VALUES ($1, $2, $3, $4, 1, 'ended', 4, 'answered', $5)
                """).execute(Tuple.of(id, campaign, contact, UUID.randomUUID(), talkSeconds)).await().atMost(DB_WAIT);
        return id;
    }

    @Test
    void exportPagesThroughTheCampaignsCallsByIdWithoutRepeatingAny() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(insertCall(UUID.randomUUID(), 1.0));
        }
        insertCall(UUID.randomUUID(), 1.0);
        ids.sort(Comparator.comparing(UUID::toString));
        // Another campaign's call is never listed.
        pool.preparedQuery("INSERT INTO calls (id, campaign_id, status, status_rank) VALUES ($1, $2, 'queued', 0)")
                .execute(Tuple.of(UUID.randomUUID(), UUID.randomUUID())).await().atMost(DB_WAIT);

        List<String> seen = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = ManagementPort.internal(management)
                    .get("/internal/calls/export?campaignId=" + campaign + "&after=" + after + "&limit=3")
                    .then().statusCode(200).extract().jsonPath().getList("id", String.class);
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertEquals(8, seen.size());
        assertEquals(seen.stream().sorted().toList(), seen, "pages come in id order");
        assertEquals(8, seen.stream().distinct().count());
    }

    @Test
    void talkSecondsAreSummedPerContactAndZeroWithoutCalls() {
        UUID talker = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        insertCall(talker, 12.5);
        insertCall(talker, 30.0);
        insertCall(talker, null);
        Map<String, Object> sums = ManagementPort.internal(management).contentType(ContentType.JSON)
                .body(List.of(talker.toString(), silent.toString()))
                .post("/internal/calls/talk-seconds?campaignId=" + campaign)
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(42.5, ((Number) sums.get(talker.toString())).doubleValue());
        assertEquals(0.0, ((Number) sums.get(silent.toString())).doubleValue());
    }

    @Test
    void badIdsAreRefusedWith400() {
        ManagementPort.internal(management).get("/internal/calls/export?campaignId=nope").then().statusCode(400);
        ManagementPort.internal(management).contentType(ContentType.JSON).body(List.of("x"))
                .post("/internal/calls/talk-seconds?campaignId=" + campaign).then().statusCode(400);
    }
}
