package io.outdial.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventType;
import io.outdial.platform.kafka.KafkaClientConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox: takes the oldest rows, sends them with acks=all, and deletes them in the
 * same transaction once every send is acknowledged. A crash before the delete re-sends them, so
 * delivery is at least once and consumers deduplicate by {@code ce_id} (the row's event id).
 * One relay runs at a time across replicas (a transaction-scoped advisory lock), which keeps
 * each campaign's events in the order they were written.
 * <p>
 * Enabled in services that own an outbox with the build property {@code outdial.outbox.relay=enabled}.
 */
@ApplicationScoped
@IfBuildProperty(name = "outdial.outbox.relay", stringValue = "enabled")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(4242001) AS locked";

    @Inject
    Pool pool;

    @Inject
    KafkaClientConfig kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    @ConfigProperty(name = "outdial.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "outdial.outbox.idle-poll", defaultValue = "PT0.05S")
    Duration idlePoll;

    private KafkaProducer<String, String> producer;
    private ExecutorService loop;
    private volatile boolean running;
    private final Object wakeUp = new Object();

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = kafka.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "1",
                ProducerConfig.CLIENT_ID_CONFIG, source + "-outbox-relay"));
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        running = true;
        loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
        loop.submit(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        nudge();
        loop.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Asks the relay to look at the outbox now rather than at its next poll. */
    public void nudge() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void run() {
        while (running) {
            int published;
            try {
                published = relayOnce();
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay failed, retrying: %s", e.getMessage());
                published = 0;
                sleep(Duration.ofSeconds(1));
            }
            if (published == 0) {
                synchronized (wakeUp) {
                    try {
                        wakeUp.wait(Math.max(1, idlePoll.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int relayOnce() {
        return pool.withTransaction(tx -> tx.query(LOCK).execute().flatMap(lock -> {
            if (!lock.iterator().next().getBoolean("locked")) {
                return io.smallrye.mutiny.Uni.createFrom().item(0);
            }
            return tx.preparedQuery("SELECT * FROM outbox ORDER BY id LIMIT $1 FOR UPDATE").execute(Tuple.of(batchSize))
                    .flatMap(rows -> {
                        List<Long> ids = new ArrayList<>();
                        List<Future<RecordMetadata>> sends = new ArrayList<>();
                        for (Row row : rows) {
                            ids.add(row.getLong("id"));
                            sends.add(producer.send(record(row)));
                        }
                        if (ids.isEmpty()) {
                            return io.smallrye.mutiny.Uni.createFrom().item(0);
                        }
                        return io.smallrye.mutiny.Uni.createFrom().item(() -> {
                            producer.flush();
                            for (Future<RecordMetadata> send : sends) {
                                try {
                                    send.get(30, TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    throw new IllegalStateException("Kafka did not acknowledge an outbox record", e);
                                }
                            }
                            return ids;
                        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                                .flatMap(acked -> tx.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                                        .execute(Tuple.of(acked.toArray(new Long[0]))))
                                .map(deleted -> ids.size());
                    });
        })).await().atMost(Duration.ofSeconds(60));
    }

    private ProducerRecord<String, String> record(Row row) {
        EventType type = EventType.ofCeType(row.getString("ce_type"));
        UUID eventId = row.getUUID("event_id");
        Instant createdAt = row.getOffsetDateTime("created_at").toInstant();
        String key = row.getString("message_key");
        return new ProducerRecord<>(row.getString("topic"), null, key, row.getString("payload"),
                CloudEventHeaders.of(eventId.toString(), type, "/outdial/" + source, key, createdAt));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
