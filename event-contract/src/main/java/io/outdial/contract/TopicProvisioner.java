package io.outdial.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the system's topics explicitly (brokers must not auto-create them with default
 * settings). Idempotent: topics that exist are left as they are.
 */
public final class TopicProvisioner {

    private final Map<String, Object> clientConfig;
    private final int partitions;
    private final short replicationFactor;

    /** A provisioner for a broker that needs nothing but its address (no authentication, no TLS). */
    public TopicProvisioner(String bootstrapServers, int partitions, short replicationFactor) {
        this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitions, replicationFactor);
    }

    /** {@code clientConfig}: the admin client's settings, bootstrap servers and any security ones. */
    public TopicProvisioner(Map<String, Object> clientConfig, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.clientConfig = Map.copyOf(clientConfig);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Creates what is missing of {@link Topics#all()}; returns the names it created. */
    public Set<String> ensureTopics() {
        return ensure(Topics.all());
    }

    public Set<String> ensure(List<Topics.TopicSpec> specs) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "outdial-topic-provisioner");
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = specs.stream()
                    .map(spec -> new NewTopic(spec.name(), partitions, replicationFactor).configs(spec.config()))
                    .toList();
            CreateTopicsResult result = admin.createTopics(topics);
            Set<String> created = new java.util.TreeSet<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer in time", e);
        }
    }
}
