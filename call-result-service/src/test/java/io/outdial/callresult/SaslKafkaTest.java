package io.outdial.callresult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.EventType;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignProgress;
import io.outdial.platform.outbox.OutboxRelay;
import io.outdial.platform.outbox.OutboxWriter;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.KafkaProcess;
import io.outdial.testsupport.ScramKafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Against a broker that admits only a SASL/SCRAM-SHA-512 user, as managed Kafka does, the service
 * given that user in {@code kafka.*} starts (creates its topics, joins its consumer group) and its
 * outbox relay publishes: the relay's producer gets the same settings as the connector's channels.
 */
@QuarkusTest
@TestProfile(SaslKafkaTest.ScramUser.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SaslKafkaTest {

    /** The service configured as an operator would for a managed Kafka: only {@code kafka.*} settings. */
    public static class ScramUser implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            ScramKafkaResource.USER.clientConfig().forEach((key, value) -> config.put("kafka." + key, value));
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScramKafkaResource.class, Map.of("database", "call_result")));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String saslListener;

    private Map<String, Object> client(Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, saslListener);
        return config;
    }

    @Test
    void relayPublishesTheOutboxThroughTheAuthenticatedListener() {
        String campaignId = UUID.randomUUID().toString();
        CampaignProgress progress = new CampaignProgress(campaignId, 1, 3, 2, 1, 1, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        pool.withTransaction(tx -> outbox.append(tx, progress)).await().atMost(WAIT);
        relay.nudge();

        EventTopics authenticated = new EventTopics(client(ScramKafkaResource.USER.clientConfig()));
        List<ConsumerRecord<String, String>> read = authenticated.awaitRecords(Topics.CAMPAIGN_PROGRESS,
                "CampaignProgress from the outbox", r -> campaignId.equals(r.key()), WAIT);
        ConsumerRecord<String, String> record = read.get(read.size() - 1);
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        assertEquals(EventType.CAMPAIGN_PROGRESS, envelope.type());
        assertEquals(progress, envelope.event());
        assertEquals("/outdial/call-result-service", envelope.source());
        assertEquals(campaignId, new String(record.headers().lastHeader(CloudEventHeaders.SUBJECT).value(), StandardCharsets.UTF_8));
    }

    @Test
    void listenerRefusesClientsWithoutTheUsersCredentials() {
        var wrongPassword = new KafkaProcess.ScramUser(ScramKafkaResource.USER.name(), "not-the-password");
        try (Admin admin = Admin.create(client(wrongPassword.clientConfig()))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
        // No SASL at all: the listener never answers a request, so the client gives up.
        Map<String, Object> plain = client(Map.of());
        plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        try (Admin admin = Admin.create(plain)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
    }
}
