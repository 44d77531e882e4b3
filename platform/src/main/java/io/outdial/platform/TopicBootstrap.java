package io.outdial.platform;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.outdial.contract.TopicProvisioner;
import io.outdial.platform.kafka.KafkaClientConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the system's topics at start-up, before any channel connects, so that no broker ever
 * auto-creates one with default settings. Turn off where topics are managed elsewhere
 * (Strimzi {@code KafkaTopic} resources).
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    @ConfigProperty(name = "outdial.kafka.provision-topics", defaultValue = "true")
    boolean provision;

    @ConfigProperty(name = "outdial.kafka.partitions", defaultValue = "12")
    int partitions;

    @ConfigProperty(name = "outdial.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @Inject
    KafkaClientConfig kafka;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!provision) {
            return;
        }
        var created = new TopicProvisioner(kafka.admin(Map.of()), partitions, replicationFactor).ensureTopics();
        if (!created.isEmpty()) {
            LOG.infof("created topics %s with %d partitions", created, partitions);
        }
    }
}
