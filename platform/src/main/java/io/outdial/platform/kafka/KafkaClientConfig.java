package io.outdial.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.smallrye.common.annotation.Identifier;

/**
 * The settings of every Kafka client a service builds itself (outbox relay, topic creation): the
 * same {@code kafka.*} configuration the SmallRye Kafka connector's channels get (bootstrap
 * servers, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...), so a broker that needs
 * authentication or TLS is configured once, for all of them.
 */
@ApplicationScoped
public class KafkaClientConfig {

    /** Quarkus's TLS registry reference: its SSL engine factory reads it from the client's configuration. */
    private static final String TLS_CONFIGURATION_NAME = "tls-configuration-name";

    private final Map<String, Object> connectorDefaults;

    @Inject
    public KafkaClientConfig(@Identifier("default-kafka-broker") Map<String, Object> connectorDefaults) {
        this.connectorDefaults = Map.copyOf(connectorDefaults);
    }

    public Map<String, Object> producer(Map<String, Object> overrides) {
        return forClient(ProducerConfig.configNames(), overrides);
    }

    public Map<String, Object> consumer(Map<String, Object> overrides) {
        return forClient(ConsumerConfig.configNames(), overrides);
    }

    public Map<String, Object> admin(Map<String, Object> overrides) {
        return forClient(AdminClientConfig.configNames(), overrides);
    }

    /**
     * The connector's settings that this kind of client knows, then {@code overrides}. Unknown ones
     * are left out: {@code kafka.*} also collects {@code KAFKA_*} environment variables that are
     * not client settings (such as {@code KAFKA_TOPIC_PARTITIONS}), and the consumer group id.
     */
    private Map<String, Object> forClient(Set<String> known, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        connectorDefaults.forEach((key, value) -> {
            if (known.contains(key) || key.equals(TLS_CONFIGURATION_NAME)) {
                config.put(key, value);
            }
        });
        config.putAll(overrides);
        return config;
    }
}
