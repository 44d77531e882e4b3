package io.outdial.campaign.api;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.UUID;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.domain.ApiKeys;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** API keys of fresh teams for tests: each call makes a new team so tests never see each other's data. */
public final class ApiClients {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private ApiClients() {
    }

    public record Team(String teamId, String accountSlug, String key) {
        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
        }
    }

    public static Team newTeam(ApiKeyIssuer keys) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String key = ApiKeys.generate();
        Team team = new Team("team-" + suffix, "acct-" + suffix, key);
        try {
            // Entity sessions need a Vert.x context, which a test thread is not.
            VertxContextSupport.subscribeAndAwait(() -> keys.store(key, team.teamId(), team.accountSlug(), "test")
                    .ifNoItem().after(DB_WAIT).fail());
        } catch (Throwable e) {
            throw new IllegalStateException("could not store a test API key", e);
        }
        return team;
    }
}
