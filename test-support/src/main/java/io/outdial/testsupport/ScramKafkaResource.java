package io.outdial.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} ({@code kafka.bootstrap.servers}) at a broker of its own whose listener admits
 * nothing but {@link #USER} by SASL/SCRAM-SHA-512, as a managed Kafka would; the client's
 * {@code kafka.security.protocol}, {@code kafka.sasl.*} settings are the test's to give (see
 * {@link KafkaProcess.ScramUser#clientConfig()}). PostgreSQL is the JVM-wide server. Init arg
 * {@code database}: the service's own database.
 */
public class ScramKafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final KafkaProcess.ScramUser USER = new KafkaProcess.ScramUser("outdial-service", "scram-secret-7f3a");

    private Optional<String> database = Optional.empty();
    private Path dir;
    private KafkaProcess kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = Optional.ofNullable(initArgs.get("database"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(TestInfrastructure.get().quarkusConfig(database));
        try {
            dir = Files.createTempDirectory("outdial-scram-kafka");
            kafka = new KafkaProcess(dir, USER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        config.put("kafka.bootstrap.servers", kafka.saslBootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the SCRAM broker", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
