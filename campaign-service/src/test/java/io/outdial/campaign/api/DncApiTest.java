package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The team's do-not-call list (API.md v1.1): add, list, delete, import; idempotent; per team. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DncApiTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final String DNC = "/api/crm/dnc";

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    private long listed(ApiClients.Team t) {
        return pool.preparedQuery("SELECT count(*) FROM dnc_numbers WHERE team_id = $1").execute(Tuple.of(t.teamId()))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    @Test
    void addIsNormalisedToE164AndIdempotent() {
        String createdAt = team.request().body(Map.of("number", "(202) 555-0123", "defaultCountry", "US",
                "source", "customer asked")).post(DNC).then().statusCode(201)
                .body("number", equalTo("+12025550123"))
                .body("source", equalTo("customer asked"))
                .body("createdAt", notNullValue())
                .extract().path("createdAt");
        // Again, in another spelling and with another source: already listed, unchanged.
        team.request().body(Map.of("number", "+1 202-555-0123", "source", "other")).post(DNC).then().statusCode(200)
                .body("number", equalTo("+12025550123"))
                .body("source", equalTo("customer asked"))
                .body("createdAt", equalTo(createdAt));
        assertEquals(1, listed(team));
    }

    @Test
    void listPagesByNumberWithTotals() {
        for (String n : List.of("+12025550133", "+12025550131", "+4930901820", "+12025550132")) {
            team.request().body(Map.of("number", n)).post(DNC).then().statusCode(201);
        }
        team.request().get(DNC + "?limit=2").then().statusCode(200)
                .body("numbers.number", equalTo(List.of("+12025550131", "+12025550132")))
                .body("numbers[0].source", nullValue())
                .body("total", equalTo(4)).body("limit", equalTo(2)).body("offset", equalTo(0));
        team.request().get(DNC + "?limit=2&offset=2").then().statusCode(200)
                .body("numbers.number", equalTo(List.of("+12025550133", "+4930901820")));
        team.request().get(DNC + "?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void deleteTakesTheUrlEncodedNumberAndAnswers404WhenNotListed() {
        team.request().body(Map.of("number", "+12025550140")).post(DNC).then().statusCode(201);
        team.request().urlEncodingEnabled(false).delete(DNC + "/%2B12025550140").then().statusCode(204);
        assertEquals(0, listed(team));
        team.request().urlEncodingEnabled(false).delete(DNC + "/%2B12025550140").then().statusCode(404)
                .contentType("application/problem+json");
        team.request().delete(DNC + "/not-a-number").then().statusCode(404);

        team.request().body(Map.of("number", "+12025550141")).post(DNC).then().statusCode(201);
        team.request().delete(DNC + "/2025550141?defaultCountry=US").then().statusCode(204);
        team.request().delete(DNC + "/2025550141?defaultCountry=Narnia").then().statusCode(400)
                .body("errors[0].field", equalTo("defaultCountry"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndListsNothing() {
        record Case(Map<String, Object> body, String field) {
        }
        for (Case c : List.of(new Case(Map.of("number", "12345"), "number"),
                new Case(Map.of("number", "2025550123"), "number"),
                new Case(Map.of("source", "x"), "number"),
                new Case(Map.of("number", "+12025550123", "defaultCountry", "XX"), "defaultCountry"),
                new Case(Map.of("number", "+12025550123", "source", "s".repeat(501)), "source"),
                new Case(Map.of("number", "+12025550123", "sauce", "x"), "sauce"),
                new Case(Map.of("number", 12025550123L), "number"))) {
            team.request().body(c.body()).post(DNC).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(c.field()));
        }
        assertEquals(0, listed(team));
    }

    @Test
    void anotherTeamsListIsInvisibleAndIndependent() {
        team.request().body(Map.of("number", "+12025550150")).post(DNC).then().statusCode(201);
        ApiClients.Team other = ApiClients.newTeam(keys);
        other.request().get(DNC).then().statusCode(200).body("total", equalTo(0)).body("numbers", hasSize(0));
        other.request().delete(DNC + "/+12025550150").then().statusCode(404);
        // Each team lists a number for itself.
        other.request().body(Map.of("number", "+12025550150")).post(DNC).then().statusCode(201);
        other.request().delete(DNC + "/+12025550150").then().statusCode(204);
        assertEquals(1, listed(team));
        assertEquals(0, listed(other));
    }

    @Test
    void importListsValidNumbersCountsTheListedOnesAndReportsBadRows() {
        team.request().body(Map.of("number", "+12025550160", "source", "manual")).post(DNC).then().statusCode(201);
        String csv = """
                number,source
                +12025550160,import
                (202) 555-0161,import
                +12025550162,
                +12025550162,again
                12345,import

                ,no number
                """;
        team.request().contentType("text/csv").body(csv).post(DNC + "/import?defaultCountry=US").then().statusCode(200)
                .body("imported", equalTo(2))
                .body("alreadyListed", equalTo(2))
                .body("failed", equalTo(2))
                .body("errors.row", equalTo(List.of(5, 7)))
                .body("errors.field", equalTo(List.of("number", "number")));
        team.request().get(DNC).then()
                .body("numbers.number", equalTo(List.of("+12025550160", "+12025550161", "+12025550162")))
                .body("numbers.source", equalTo(Arrays.asList("manual", "import", null)));
    }

    @Test
    void aBrokenImportListsNothing() {
        team.request().contentType("text/csv").body("number\n+12025550170\n\"+12025550171\n").post(DNC + "/import")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        team.request().contentType("text/csv").body("phone\n+12025550172\n").post(DNC + "/import")
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
        assertEquals(0, listed(team));
    }
}
