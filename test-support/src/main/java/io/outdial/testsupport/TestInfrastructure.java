package io.outdial.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.outdial.contract.TopicProvisioner;

/**
 * The real Kafka broker and PostgreSQL server shared by every test in one JVM, started on first
 * use and stopped when the JVM exits. Where they come from, in order of choice:
 * <ol>
 * <li>environment variables ({@value #ENV_KAFKA}, {@value #ENV_PG_HOST} and friends): existing servers;</li>
 * <li>Testcontainers, when a Docker engine answers;</li>
 * <li>embedded in this JVM: Kafka's own KRaft test kit and zonky's embedded PostgreSQL.</li>
 * </ol>
 */
public final class TestInfrastructure {

    public static final String ENV_KAFKA = "OUTDIAL_TEST_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_PG_HOST = "OUTDIAL_TEST_PG_HOST";
    public static final String ENV_PG_PORT = "OUTDIAL_TEST_PG_PORT";
    public static final String ENV_PG_USER = "OUTDIAL_TEST_PG_USER";
    public static final String ENV_PG_PASSWORD = "OUTDIAL_TEST_PG_PASSWORD";
    /** Set to {@code true} to skip the Docker probe and go straight to the embedded servers. */
    public static final String ENV_NO_DOCKER = "OUTDIAL_TEST_NO_DOCKER";

    /** Partitions of every topic in tests: fewer than production, so consumer groups settle fast. */
    public static final int TEST_PARTITIONS = 3;

    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class.getName());
    private static TestInfrastructure instance;

    private final KafkaServer kafka;
    private final PostgresServer postgres;

    private TestInfrastructure(KafkaServer kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** The JVM-wide infrastructure, started on the first call. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start(System::getenv);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infrastructure-stop"));
        }
        return instance;
    }

    /**
     * The JVM-wide infrastructure for a stack that keeps its data: unless the environment names
     * existing servers, a Kafka broker process and an embedded PostgreSQL whose data live under
     * {@code dataDir}, so that a second start finds the topics and databases of the first. The
     * caller stops it ({@link #stop()}) after the services that use it.
     */
    public static synchronized TestInfrastructure persistent(Path dataDir) {
        return persistent(dataDir, false);
    }

    /**
     * As {@link #persistent(Path)}; with {@code crashSafe} the embedded PostgreSQL writes each commit's
     * WAL before it answers ({@code synchronous_commit=on}, the server's default), so that a commit
     * survives the server being killed, as the fault-injection run does. Otherwise a kill loses the
     * commits of the last fraction of a second.
     */
    public static synchronized TestInfrastructure persistent(Path dataDir, boolean crashSafe) {
        if (instance == null) {
            instance = start(System::getenv, () -> {
                try {
                    return new KafkaProcess(dataDir.resolve("kafka"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, () -> new EmbeddedPostgresServer(dataDir.resolve("postgres"), stablePort(dataDir.resolve("postgres.port")),
                    crashSafe));
        }
        return instance;
    }

    static TestInfrastructure start(Function<String, String> env) {
        boolean docker = !"true".equalsIgnoreCase(env.apply(ENV_NO_DOCKER)) && DockerProbe.available();
        return start(env, docker ? ContainerServers.Kafka::new : EmbeddedKafka::new,
                docker ? ContainerServers.Postgres::new : EmbeddedPostgresServer::new);
    }

    private static TestInfrastructure start(Function<String, String> env, Supplier<KafkaServer> ownKafka,
            Supplier<PostgresServer> ownPostgres) {
        KafkaServer kafka = Optional.ofNullable(env.apply(ENV_KAFKA)).filter(s -> !s.isBlank())
                .<KafkaServer> map(KafkaServer.External::new)
                .orElseGet(ownKafka);
        PostgresServer postgres = Optional.ofNullable(env.apply(ENV_PG_HOST)).filter(s -> !s.isBlank())
                .<PostgresServer> map(host -> new PostgresServer.External(host,
                        Integer.parseInt(Optional.ofNullable(env.apply(ENV_PG_PORT)).orElse("5432")),
                        Optional.ofNullable(env.apply(ENV_PG_USER)).orElse("postgres"),
                        Optional.ofNullable(env.apply(ENV_PG_PASSWORD)).orElse("postgres")))
                .orElseGet(ownPostgres);
        LOG.info(() -> "Kafka for tests: " + kafka.describe() + " at " + kafka.bootstrapServers());
        LOG.info(() -> "PostgreSQL for tests: " + postgres.describe() + " at " + postgres.host() + ":" + postgres.port());
        new TopicProvisioner(kafka.bootstrapServers(), TEST_PARTITIONS, (short) 1).ensureTopics();
        return new TestInfrastructure(kafka, postgres);
    }

    /** A free port the first time, the same one on every later start with this file. */
    private static int stablePort(Path file) {
        try {
            if (Files.exists(file)) {
                return Integer.parseInt(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.writeString(file, Integer.toString(port));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker process when this JVM started one (persistent mode): it can be killed and restarted. */
    public Optional<KafkaProcess> kafkaProcess() {
        return kafka instanceof KafkaProcess process ? Optional.of(process) : Optional.empty();
    }

    /** The PostgreSQL server when this JVM started it (embedded): it can be killed and restarted. */
    public Optional<PostgresProcess> postgresProcess() {
        return postgres instanceof PostgresProcess process ? Optional.of(process) : Optional.empty();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String describe() {
        return "Kafka: " + kafka.describe() + "; PostgreSQL: " + postgres.describe();
    }

    /** A database of this name on the shared server, created if missing. Each service gets its own. */
    public Database database(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + name);
        }
        String adminUrl = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database(postgres.host(), postgres.port(), name, postgres.user(), postgres.password());
    }

    /** Quarkus configuration pointing one service at the shared servers. */
    public Map<String, String> quarkusConfig(Optional<String> databaseName) {
        Map<String, String> config = new java.util.HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("outdial.kafka.partitions", Integer.toString(TEST_PARTITIONS));
        databaseName.map(this::database).ifPresent(db -> {
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        });
        return config;
    }

    public void stop() {
        try {
            kafka.close();
        } catch (Exception e) {
            LOG.warning("stopping Kafka: " + e);
        }
        try {
            postgres.close();
        } catch (Exception e) {
            LOG.warning("stopping PostgreSQL: " + e);
        }
    }

    /** One database on the shared server. */
    public record Database(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }
    }
}
