package io.outdial.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

import io.outdial.testsupport.Sipp;
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

    /** What SIPp achieved calling: calls that followed the scenario and failed, over SIPp's own run time. */
    record SippCalls(int concurrent, long successful, long failed, double seconds) {

        double callsPerSecond() {
            return successful / seconds;
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("sippCallsPerSecond", Bench.round(callsPerSecond()));
            map.put("sippCalls", successful);
            map.put("sippFailedCalls", failed);
            map.put("sippConcurrentCalls", concurrent);
            map.put("sippSeconds", Bench.round(seconds));
            return map;
        }
    }

    /**
     * SIPp calling a SIPp trunk ({@link SipRun#trunk()}, the far end the dialers get in the sip run) as
     * fast as it can with {@code concurrent} calls at once, each as the sip provider places it
     * ({@code sipp/uac-answered.xml}): {@code calls} calls, SIPp giving up after {@code within}. From
     * SIPp's statistics file ({@code -trace_stat}, a line every 10 ms): the calls that followed the
     * scenario over the time from SIPp's start to the line where the last of them is counted, so
     * that a failed call's retransmission timeout (32 s) does not stretch the figure; failed calls beside.
     */
    static SippCalls sippCalls(int calls, int concurrent, Duration within) throws Exception {
        Path directory = Files.createTempDirectory("sipp-uac-");
        try (Sipp trunk = SipRun.trunk()) {
            Path scenario = directory.resolve("uac-answered.xml");
            try (InputStream resource = Baselines.class.getResourceAsStream("/sipp/uac-answered.xml")) {
                Files.copy(resource, scenario);
            }
            Path stats = directory.resolve("stats.csv");
            Path screen = directory.resolve("screen.log");
            // -r far above what it reaches: -l (calls at once) is the only limit, as the cap is ours.
            Process uac = new ProcessBuilder(Sipp.binary(), "-sf", scenario.toString(), "127.0.0.1:" + trunk.port(),
                    "-i", "127.0.0.1", "-p", Integer.toString(Sipp.freePort(Sipp.Transport.UDP)), "-t", "u1", "-nostdin",
                    "-buff_size", SipRun.SOCKET_BUFFER_BYTES, "-r", "100000", "-l", Integer.toString(concurrent),
                    "-m", Integer.toString(calls), "-timeout", within.toSeconds() + "s",
                    "-trace_stat", "-stf", stats.toString(), "-fd", "10ms")
                    .redirectErrorStream(true).redirectOutput(screen.toFile()).start();
            try {
                if (!uac.waitFor(within.toSeconds() + 10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("SIPp (uac) still running " + within + " after it was told to stop");
                }
            } finally {
                uac.destroyForcibly();
            }
            List<String> lines = Files.exists(stats) ? Files.readAllLines(stats, StandardCharsets.ISO_8859_1) : List.of();
            if (lines.size() < 2) {
                throw new IllegalStateException("SIPp (uac) exited with " + uac.exitValue() + " and no statistics:\n"
                        + Files.readString(screen, StandardCharsets.ISO_8859_1));
            }
            List<String> names = List.of(lines.get(0).split(";"));
            List<String[]> rows = lines.stream().skip(1).map(line -> line.split(";")).toList();
            int successful = names.indexOf("SuccessfulCall(C)");
            String[] last = rows.get(rows.size() - 1);
            String[] lastSuccess = rows.stream().filter(row -> row[successful].equals(last[successful])).findFirst().orElseThrow();
            double seconds = epochSeconds(lastSuccess[names.indexOf("CurrentTime")]) - epochSeconds(last[names.indexOf("StartTime")]);
            return new SippCalls(concurrent, Long.parseLong(last[successful]), Long.parseLong(last[names.indexOf("FailedCall(C)")]),
                    seconds);
        } finally {
            Bench.deleteTree(directory);
        }
    }

    /** SIPp writes a time as {@code date<TAB>time<TAB>epoch seconds}. */
    private static double epochSeconds(String sippTime) {
        String[] parts = sippTime.split("\t");
        return Double.parseDouble(parts[parts.length - 1]);
    }
}
