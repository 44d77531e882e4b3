package io.outdial.dialer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventType;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.DialContact;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dialer's real wiring: a command in through its channel, an event out through its channel. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DialerWiringTest {

    private final EventTopics topics = new EventTopics();

    @TestHTTPResource(value = "/", management = true)
    URI management;

    private static DialContact command(String campaignId, Instant expiresAt) {
        return new DialContact(UUID.randomUUID().toString(), campaignId, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "+12025550123", "+12025550100", "assistant-1", 1,
                "00:00", "23:59", "Etc/UTC", 3, 2, 60, expiresAt, 30, 1800, Map.of(), Map.of("plan", "gold"));
    }

    @Test
    void expiredCommandIsAnsweredWithCallSkipped() {
        DialContact expired = command(UUID.randomUUID().toString(), Instant.now().minusSeconds(5));
        topics.publish(expired);

        var skipped = topics.awaitEvent(Topics.CALL_EVENTS, "CallSkipped of the expired command",
                e -> e.event() instanceof CallSkipped s && s.callId().equals(expired.callId()), Duration.ofSeconds(30));

        assertEquals(EventType.CALL_SKIPPED, skipped.type());
        assertEquals("expired", ((CallSkipped) skipped.event()).reason());
        assertEquals(expired.campaignId(), skipped.event().campaignId());
    }

    @Test
    void unreadableCommandGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String campaignId = UUID.randomUUID().toString();
        var broken = new ProducerRecord<>(Topics.DIAL_COMMANDS, null, campaignId, "{not json",
                CloudEventHeaders.of(UUID.randomUUID().toString(), EventType.DIAL_CONTACT, "test", campaignId, Instant.now()));
        topics.send(broken);
        topics.awaitRecords(Topics.dlq(Topics.DIAL_COMMANDS), "the dead-lettered command", r -> campaignId.equals(r.key()), Duration.ofSeconds(30));

        DialContact next = command(campaignId, Instant.now().minusSeconds(1));
        topics.publish(next);
        topics.awaitEvent(Topics.CALL_EVENTS, "CallSkipped of the command after the unreadable one",
                e -> e.event() instanceof CallSkipped s && s.callId().equals(next.callId()), Duration.ofSeconds(30));
    }

    @Test
    void readinessIsUpWithBothKafkaChannels() {
        ManagementPort.given(management).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(messagingCheck(Topics.DIAL_COMMANDS), equalTo("[OK]"))
                .body(messagingCheck(Topics.CALL_EVENTS), equalTo("[OK]"));
    }

    private static String messagingCheck(String channel) {
        return "checks.find { it.name.contains('Reactive Messaging') }.data['" + channel + "']";
    }

    @Test
    void prometheusMetricsAreServed() {
        ManagementPort.given(management).when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
