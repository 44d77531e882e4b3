package io.outdial.callresult;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventType;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallRinging;
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

/** The service's real wiring: call events in from Kafka, call records in its own PostgreSQL database. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "call_result"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CallResultWiringTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private final EventTopics topics = new EventTopics();

    @TestHTTPResource(value = "/", management = true)
    URI management;

    private Row call(String callId) {
        var rows = pool.preparedQuery("SELECT * FROM calls WHERE id = $1").execute(Tuple.of(UUID.fromString(callId)))
                .await().atMost(DB_WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private long processed(String eventId) {
        return pool.preparedQuery("SELECT count(*) FROM processed_events WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    @Test
    void callEventsAreFoldedOnceAndOnlyMoveForward() {
        String campaignId = UUID.randomUUID().toString();
        String callId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // Out of order: ringing arrives before initiated, and initiated is delivered twice.
        String ringingId = topics.publish(new CallRinging(callId, campaignId, now.plusSeconds(1)));
        CallInitiated initiated = new CallInitiated(callId, campaignId, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), 1, "+12025550100", "+12025550123", "dialer-a", 2, 60, now, java.util.Map.of());
        String initiatedId = UUID.randomUUID().toString();
        topics.publish(initiatedId, initiated);
        topics.publish(initiatedId, initiated);

        await("both events applied once and the call recorded").atMost(Duration.ofSeconds(30)).until(() -> processed(initiatedId) == 1 && processed(ringingId) == 1
                && call(callId) != null && call(callId).getString("to_number") != null);
        Row row = call(callId);
        assertEquals("ringing", row.getString("status"), "a late initiated event must not move the call back");
        assertEquals("+12025550123", row.getString("to_number"));
        assertEquals(1, row.getInteger("attempt"));
    }

    @Test
    void unreadableEventGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsFolded() {
        String campaignId = UUID.randomUUID().toString();
        String callId = UUID.randomUUID().toString();
        topics.send(new ProducerRecord<>(Topics.CALL_EVENTS, null, campaignId, "{not json",
                CloudEventHeaders.of(UUID.randomUUID().toString(), EventType.CALL_RINGING, "test", campaignId, Instant.now())));
        String ringingId = topics.publish(new CallRinging(callId, campaignId, Instant.now()));

        topics.awaitRecords(Topics.dlq(Topics.CALL_EVENTS), "the dead-lettered call event", r -> campaignId.equals(r.key()), Duration.ofSeconds(30));
        await("the readable event of the batch applied").atMost(Duration.ofSeconds(30))
                .until(() -> processed(ringingId) == 1 && call(callId) != null);
    }

    @Test
    void flywayMigrationIsApplied() {
        long applied = pool.query("SELECT count(*) FROM flyway_schema_history WHERE success").execute()
                .await().atMost(DB_WAIT).iterator().next().getLong(0);
        String[] migrations = new java.io.File("src/main/resources/db/migration").list();
        assertEquals(migrations.length, applied, "every migration file is applied");
    }

    @Test
    void readinessIsUpWithKafkaAndDatabase() {
        ManagementPort.given(management).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data['" + Topics.CALL_EVENTS + "']", equalTo("[OK]"))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", equalTo("UP"));
    }
}
