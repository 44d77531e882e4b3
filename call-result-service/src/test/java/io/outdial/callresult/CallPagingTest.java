package io.outdial.callresult;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code /internal/calls} pages by cursor as well as by offset: a walk sees every call once, in
 * (initiatedAt, id) order with calls not yet initiated last, while calls are added between pages.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "call_result"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CallPagingTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00.123456Z");

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    Pool pool;

    private final UUID campaign = UUID.randomUUID();

    private void call(UUID id, Instant initiatedAt) {
        pool.preparedQuery("INSERT INTO calls (id, campaign_id, status, status_rank, initiated_at) VALUES ($1, $2, 'ended', 4, $3)")
                .execute(Tuple.of(id, campaign, initiatedAt == null ? null : initiatedAt.atOffset(ZoneOffset.UTC)))
                .await().atMost(DB_WAIT);
    }

    private JsonPath page(String query) {
        return ManagementPort.internal(management).get("/internal/calls?campaignId=" + campaign + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private List<String> byOffset() {
        return page("&limit=500").getList("calls.id");
    }

    @Test
    void walkingByCursorSeesEveryCallOnceInOrderWhileCallsAreAdded() {
        for (int i = 0; i < 40; i++) {
            // Pairs share an instant, so the id decides between them; some are not initiated yet.
            call(UUID.randomUUID(), i % 7 == 0 ? null : START.plus(i / 2, ChronoUnit.SECONDS));
        }
        List<String> before = byOffset();
        assertEquals(40, before.size());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int added = 0;
        do {
            JsonPath page = page("&limit=6" + (cursor == null ? "" : "&cursor=" + cursor));
            List<String> ids = page.getList("calls.id");
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            assertTrue(cursor == null || cursor.matches("[A-Za-z0-9_-]+"));
            // A later call and a call not initiated, both still ahead of the walk.
            call(UUID.randomUUID(), START.plus(1, ChronoUnit.HOURS).plusSeconds(added));
            call(UUID.randomUUID(), null);
            added += 2;
        } while (cursor != null);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no call twice");
        assertTrue(seen.containsAll(before), "every call there at the start");
        assertEquals(before, seen.stream().filter(before::contains).toList(), "the first calls in their order");
        // Calls added behind the walk's position are not seen; those seen stand in the list's order.
        List<String> now = byOffset();
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(now.indexOf(seen.get(i - 1)) < now.indexOf(seen.get(i)), "in the list's order at " + i);
        }
        assertTrue(seen.size() > before.size(), "calls added ahead of the walk are seen");
    }

    @Test
    void aCursorAnswersTheRowsAfterItAndNullOnTheLastPage() {
        for (int i = 0; i < 5; i++) {
            call(UUID.randomUUID(), START.plusSeconds(i));
        }
        List<String> all = byOffset();
        JsonPath first = page("&limit=2&offset=1");
        assertEquals(all.subList(1, 3), first.getList("calls.id"));
        assertEquals(1, first.getInt("offset"));
        JsonPath rest = page("&limit=2&cursor=" + first.getString("nextCursor"));
        assertEquals(all.subList(3, 5), rest.getList("calls.id"));
        assertEquals(null, rest.getString("nextCursor"));
        assertEquals(5, rest.getLong("total"));
    }

    @Test
    void aCursorItDidNotIssueAnswers400() {
        for (String bad : List.of("abc", "not-a-cursor", "MTIzCjQ1Ng")) {
            ManagementPort.internal(management).get("/internal/calls?campaignId=" + campaign + "&cursor=" + bad)
                    .then().statusCode(400);
        }
        ManagementPort.internal(management).get("/internal/calls?campaignId=" + campaign).then().statusCode(200)
                .body("nextCursor", equalTo(null));
    }
}
