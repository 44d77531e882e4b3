package io.outdial.campaign.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
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

/** The team's own calling rules: read, changed, refused when out of range, and private to the team. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TeamSettingsApiTest {

    @Inject
    ApiKeyIssuer keys;

    ApiClients.Team team;

    @BeforeEach
    void newTeam() {
        team = ApiClients.newTeam(keys);
    }

    @Test
    void aTeamSetsItsOwnCapAndOnlyItSeesIt() {
        team.request().get("/api/crm/settings").then().statusCode(200)
                .body("teamId", equalTo(team.teamId())).body("maxAttemptsPer24h", nullValue());
        team.request().body(Map.of("maxAttemptsPer24h", 2)).put("/api/crm/settings").then().statusCode(200)
                .body("maxAttemptsPer24h", equalTo(2));
        team.request().get("/api/crm/settings").then().body("maxAttemptsPer24h", equalTo(2));
        ApiClients.newTeam(keys).request().get("/api/crm/settings").then().body("maxAttemptsPer24h", nullValue());

        Map<String, Object> none = new HashMap<>();
        none.put("maxAttemptsPer24h", null);
        team.request().body(none).put("/api/crm/settings").then().statusCode(200).body("maxAttemptsPer24h", nullValue());
    }

    @Test
    void aCapOutOfRangeIsRefusedNamingTheFieldAndChangesNothing() {
        team.request().body(Map.of("maxAttemptsPer24h", 3)).put("/api/crm/settings").then().statusCode(200);
        team.request().body(Map.of("maxAttemptsPer24h", 0)).put("/api/crm/settings").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("maxAttemptsPer24h"));
        team.request().body(Map.of("maxAttemptsPer24h", "three")).put("/api/crm/settings").then().statusCode(400)
                .body("errors[0].field", equalTo("maxAttemptsPer24h"));
        team.request().get("/api/crm/settings").then().body("maxAttemptsPer24h", equalTo(3));
    }
}
