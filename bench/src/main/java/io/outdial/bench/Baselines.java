package io.outdial.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.outdial.testsupport.TestInfrastructure;

/** What the engines underneath do on this machine without us: the yardsticks for our figures. */
final class Baselines {

    private Baselines() {
    }

    /**
     * Records per second through Kafka, produced (acks=all) and consumed at the same time, about
     * the size of one of our call events; from the first send to the last record consumed.
     */
    static double kafkaProduceConsume(String bootstrapServers, int records) throws Exception {
        String topic = "bench.raw." + System.nanoTime();
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, TestInfrastructure.TEST_PARTITIONS, (short) 1))).all().get();
        }
        String payload = "x".repeat(400);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        AtomicLong consumed = new AtomicLong();
        CountDownLatch subscribed = new CountDownLatch(1);
        long[] lastConsumed = new long[1];
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of(topic));
                while (c.assignment().isEmpty()) {
                    c.poll(Duration.ofMillis(100));
                }
                subscribed.countDown();
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (consumed.get() < records && System.nanoTime() < deadline) {
                    consumed.addAndGet(c.poll(Duration.ofMillis(100)).count());
                }
                lastConsumed[0] = System.nanoTime();
            }
        }, "baseline-consumer");
        consumer.start();
        subscribed.await();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "campaign-" + (i % 64), payload));
            }
        }
        consumer.join();
        if (consumed.get() < records) {
            throw new IllegalStateException("baseline consumer got " + consumed.get() + " of " + records);
        }
        try (Admin client = Admin.create(admin)) {
            client.deleteTopics(List.of(topic)).all().get();
        }
        return records / ((lastConsumed[0] - start) / 1e9);
    }

    /** Single-row UPDATE transactions (autocommit) per second from {@code clients} connections, for {@code seconds}. */
    static double postgresUpdates(TestInfrastructure infra, int clients, int seconds) throws Exception {
        TestInfrastructure.Database db = infra.database("bench_raw");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS counters");
            s.execute("CREATE TABLE counters (id int PRIMARY KEY, value bigint NOT NULL)");
            s.execute("INSERT INTO counters SELECT g, 0 FROM generate_series(1, " + clients + ") g");
        }
        AtomicLong transactions = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            int row = i;
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                        PreparedStatement update = c.prepareStatement("UPDATE counters SET value = value + 1 WHERE id = ?")) {
                    update.setInt(1, row);
                    while (System.nanoTime() < end) {
                        update.executeUpdate();
                        transactions.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "baseline-pg-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return transactions.get() / (double) seconds;
    }
}
