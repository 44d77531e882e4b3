package io.outdial.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignProgress;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The service's real wiring: progress snapshots in from Kafka, applied to its own PostgreSQL database. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignWiringTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    private final EventTopics topics = new EventTopics();

    private Row campaign(UUID id) {
        return pool.preparedQuery("SELECT * FROM campaigns WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(DB_WAIT).iterator().next();
    }

    @Test
    void progressSnapshotsUpdateCountersAndOlderOnesAreIgnored() {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO campaigns (id, team_id, name, status, call_window_start, call_window_end,
                                       call_window_timezone, max_concurrent_calls, max_retries, retry_delay_minutes)
                VALUES ($1, 'team-wiring', 'wiring', 'running', '09:00', '17:00', 'America/New_York', 3, 3, 60)
                """).execute(Tuple.of(id)).await().atMost(DB_WAIT);

        topics.publish(new CampaignProgress(id.toString(), 7, 5, 4, 2, 1, Instant.now()));
        topics.publish(new CampaignProgress(id.toString(), 6, 3, 2, 1, 1, Instant.now()));
        topics.publish(new CampaignProgress(id.toString(), 5, 1, 1, 1, 0, Instant.now()));
        topics.awaitConsumed("campaign-service", Topics.CAMPAIGN_PROGRESS, Duration.ofSeconds(30));

        Row row = campaign(id);
        assertEquals(5, row.getLong("contacts_called"));
        assertEquals(4, row.getLong("contacts_completed"));
        assertEquals(2, row.getLong("contacts_answered"));
        assertEquals(7, row.getLong("progress_version"));
    }

    @Test
    void readinessIsUpWithKafkaAndDatabase() {
        ManagementPort.given(management).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data['" + Topics.CAMPAIGN_PROGRESS + "']",
                        equalTo("[OK]"))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", equalTo("UP"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo("Outdial campaign API"))
                .body("paths.'/api/crm/campaigns'.post.requestBody.content.'application/json'.examples.renewals.value.name",
                        equalTo("Spring renewals"))
                .body("paths.'/api/crm/campaigns/{id}/run'.post.requestBody.content.'application/json'.examples.preview.value.dryRun",
                        equalTo(true));
    }
}
