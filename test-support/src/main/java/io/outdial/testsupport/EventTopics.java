package io.outdial.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.EventCodec;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.EventType;
import io.outdial.contract.events.CampaignEvent;

/** Produces and reads contract events on the tests' real broker, as an integrator would. */
public final class EventTopics {

    /** One producer per broker config for the whole test JVM, closed when it exits. */
    private static final Map<Map<String, Object>, KafkaProducer<String, String>> PRODUCERS =
            new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PRODUCERS.values().forEach(p -> p.close(Duration.ofSeconds(5)))));
    }

    private final Map<String, Object> clientConfig;

    public EventTopics() {
        this(TestInfrastructure.get().kafkaBootstrapServers());
    }

    public EventTopics(String bootstrapServers) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** {@code clientConfig}: bootstrap servers and whatever else the broker asks of clients (SASL, TLS). */
    public EventTopics(Map<String, ?> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    private Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        return props;
    }

    /** Publishes an event with a fresh id; returns the id. */
    public String publish(CampaignEvent event) {
        String id = UUID.randomUUID().toString();
        publish(id, event);
        return id;
    }

    /** Publishes an event with the given id (publish the same id twice to simulate redelivery). */
    public void publish(String eventId, CampaignEvent event) {
        EventType type = EventType.of(event);
        send(new ProducerRecord<>(type.topic(), null, event.campaignId(), EventCodec.encode(event),
                CloudEventHeaders.of(eventId, type, "test", event.campaignId(), Instant.now())));
    }

    /** The campaign a record belongs to: its key, except on dial commands (keyed by contact), read from the event. */
    public static String campaignOf(ConsumerRecord<String, String> record) {
        if (!Topics.DIAL_COMMANDS.equals(record.topic())) {
            return record.key();
        }
        try {
            return CloudEventHeaders.read(record.headers(), record.value()).event().campaignId();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** A consumed record as a new record to publish again (a redelivery): same key, value and headers, so the same event id. */
    public static ProducerRecord<String, String> again(ConsumerRecord<String, String> record) {
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers());
    }

    /** Publishes a raw record, e.g. one that must not parse. */
    public void send(ProducerRecord<String, String> record) {
        sendAll(List.of(record));
    }

    /**
     * Publishes records in order and waits until the broker has every one. One producer per broker
     * config serves the whole test JVM: a producer per record costs a connection and metadata fetch
     * each, which dominated tests that redeliver thousands of events.
     */
    public void sendAll(List<ProducerRecord<String, String>> records) {
        KafkaProducer<String, String> producer = PRODUCERS.computeIfAbsent(clientConfig, EventTopics::newProducer);
        List<Future<?>> sent = new ArrayList<>(records.size());
        records.forEach(record -> sent.add(producer.send(record)));
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted publishing to " + records.get(i).topic(), e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot publish to " + records.get(i).topic(), e.getCause());
            }
        }
    }

    private static KafkaProducer<String, String> newProducer(Map<String, Object> clientConfig) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Keeps records in the order given, even across a retried batch.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * Waits until consumer group {@code groupId} has committed, on every partition of {@code topic},
     * the offset after the last record now on it: everything published so far was consumed.
     */
    public void awaitConsumed(String groupId, String topic, Duration timeout) {
        Properties props = clientProperties();
        try (Admin admin = Admin.create(props)) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset()));
                if (caughtUp) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of " + groupId, e);
        }
        throw new AssertionError(groupId + " did not consume everything on " + topic + " within " + timeout);
    }

    /**
     * Reads a topic from the beginning until a decoded event matches, or fails after {@code timeout}
     * naming {@code what} was awaited.
     */
    public EventEnvelope awaitEvent(String topic, String what, Predicate<EventEnvelope> match, Duration timeout) {
        List<ConsumerRecord<String, String>> seen = awaitRecords(topic, what,
                r -> match.test(CloudEventHeaders.read(r.headers(), r.value())), timeout);
        ConsumerRecord<String, String> last = seen.get(seen.size() - 1);
        return CloudEventHeaders.read(last.headers(), last.value());
    }

    /** Reads raw records from the beginning until one matches; returns all read up to it. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, String what,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Reading reading = read(topic, match, timeout);
        if (!reading.matched()) {
            throw new AssertionError("no " + what + " on " + topic + " within " + timeout + " (read " + reading.seen().size()
                    + " records)");
        }
        return reading.seen();
    }

    /** Reads every record now on {@code topic}, from the beginning to the current end of each partition. */
    public List<ConsumerRecord<String, String>> readToEnd(String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        forEachToEnd(topic, timeout, seen::add);
        return seen;
    }

    /**
     * Hands each record now on {@code topic} to {@code action} as it is read, from the beginning to the
     * current end of each partition: for topics too long to hold as records (a million-contact run's).
     */
    public void forEachToEnd(String topic, Duration timeout, java.util.function.Consumer<ConsumerRecord<String, String>> action) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(action);
            }
        }
    }

    /** Reads every record of {@code topic} that arrives within {@code duration} from the beginning. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration duration) {
        return read(topic, r -> false, duration).seen();
    }

    /** Records read from the beginning of a topic; when {@code matched}, the last one matched. */
    private record Reading(List<ConsumerRecord<String, String>> seen, boolean matched) {
    }

    /** Reads from the beginning until a record matches or {@code timeout} passes (predicates may count). */
    private Reading read(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record);
                    if (match.test(record)) {
                        return new Reading(seen, true);
                    }
                }
            }
        }
        return new Reading(seen, false);
    }
}
