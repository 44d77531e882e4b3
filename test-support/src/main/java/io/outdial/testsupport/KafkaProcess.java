package io.outdial.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka KRaft broker (combined broker and controller) as its own process, from the Kafka jars on
 * this JVM's classpath, with its log in a directory that outlives it. Unlike the in-JVM test kit
 * it keeps its data across restarts and can be killed and started again on the same ports, which
 * the local stack and the fault-injection benchmark need. Optionally it also has a listener that
 * only lets in a SASL/SCRAM-SHA-512 user, as managed Kafka services do.
 */
public final class KafkaProcess implements KafkaServer {

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Optional<ScramUser> scramUser;
    private final int saslPort;
    private final String classpath;
    private Process process;

    /** A broker whose data, settings and log live in {@code dir}; formatted on first use. */
    public KafkaProcess(Path dir) throws IOException, InterruptedException {
        this(dir, Optional.empty());
    }

    /**
     * A broker as above that also has a {@code SASL_PLAINTEXT} listener ({@link #saslBootstrapServers()})
     * accepting only {@code user} by SCRAM-SHA-512. Its credentials are written when the storage is
     * formatted (KRaft keeps them in the metadata log), so they hold from the first start. The plain
     * listener stays for the broker's own use and the tests' setup.
     */
    public KafkaProcess(Path dir, ScramUser user) throws IOException, InterruptedException {
        this(dir, Optional.of(user));
    }

    private KafkaProcess(Path dir, Optional<ScramUser> scramUser) throws IOException, InterruptedException {
        this.dir = dir;
        this.scramUser = scramUser;
        Files.createDirectories(dir);
        Path settings = dir.resolve("ports.properties");
        Properties ports = new Properties();
        if (Files.exists(settings)) {
            try (var in = Files.newInputStream(settings)) {
                ports.load(in);
            }
        }
        boolean changed = ports.putIfAbsent("port", Integer.toString(freePort())) == null;
        changed |= ports.putIfAbsent("controller.port", Integer.toString(freePort())) == null;
        if (scramUser.isPresent()) {
            changed |= ports.putIfAbsent("sasl.port", Integer.toString(freePort())) == null;
        }
        if (changed) {
            try (var out = Files.newOutputStream(settings)) {
                ports.store(out, "ports this broker keeps across restarts");
            }
        }
        port = Integer.parseInt(ports.getProperty("port"));
        controllerPort = Integer.parseInt(ports.getProperty("controller.port"));
        saslPort = scramUser.isPresent() ? Integer.parseInt(ports.getProperty("sasl.port")) : -1;
        classpath = classpath();
        writeServerProperties();
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            List<String> format = new ArrayList<>(List.of("kafka.tools.StorageTool", "format",
                    "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                    "-c", dir.resolve("server.properties").toString(), "--standalone"));
            scramUser.ifPresent(user -> format.addAll(List.of("--add-scram",
                    SCRAM_MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + "]")));
            run(format, dir.resolve("format.log"));
        }
        start();
    }

    private void writeServerProperties() throws IOException {
        String host = "127.0.0.1";
        String sasl = scramUser.isPresent() ? ",SASL_PLAINTEXT://" + host + ":" + saslPort : "";
        List<String> lines = new ArrayList<>(List.of(
                "node.id=1",
                "process.roles=broker,controller",
                "listeners=PLAINTEXT://" + host + ":" + port + sasl + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port + sasl,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + (scramUser.isPresent() ? ",SASL_PLAINTEXT:SASL_PLAINTEXT" : ""),
                "controller.quorum.bootstrap.servers=" + host + ":" + controllerPort,
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "num.partitions=1"));
        if (scramUser.isPresent()) {
            // The broker talks to itself on the plain listener; only clients meet SASL.
            lines.add("inter.broker.listener.name=PLAINTEXT");
            lines.add("sasl.enabled.mechanisms=" + SCRAM_MECHANISM);
            lines.add("listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase()
                    + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        Files.write(dir.resolve("server.properties"), lines);
    }

    /** Starts the broker (again) and waits until it answers. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = spawn(List.of("kafka.Kafka", dir.resolve("server.properties").toString()), dir.resolve("kafka.log"));
        awaitReady(Duration.ofSeconds(60));
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + dir.resolve("kafka.log"));
            }
            try (Admin admin = Admin.create(props)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka not ready within " + timeout + "; see " + dir.resolve("kafka.log"));
    }

    private Process spawn(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xms256m", "-Xmx512m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classpath,
                OrphanGuard.class.getName(), Long.toString(ChildProcesses.parentPid())));
        command.addAll(mainAndArgs);
        return ChildProcesses.register(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private void run(List<String> mainAndArgs, Path log) throws IOException, InterruptedException {
        Process p = spawn(mainAndArgs, log);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", mainAndArgs) + " failed: " + Files.readString(log));
        }
    }

    /** The jars this JVM loaded its classes from: the Kafka broker is among them. */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = KafkaProcess.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: not a jar we can hand on
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The listener that admits only the SCRAM user this broker was made with. */
    public String saslBootstrapServers() {
        if (scramUser.isEmpty()) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslPort;
    }

    /** A SCRAM user: letters, digits and dashes only, as the storage tool's credential syntax takes them unquoted. */
    public record ScramUser(String name, String password) {
        public ScramUser {
            if (!name.matches("[A-Za-z0-9-]+") || !password.matches("[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("SCRAM name and password: letters, digits and dashes only");
            }
        }

        /** Kafka client settings that authenticate as this user ({@code kafka.} prefixed in Quarkus). */
        public Map<String, String> clientConfig() {
            return Map.of(
                    "security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanism", SCRAM_MECHANISM,
                    "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                            + name + "\" password=\"" + password + "\";");
        }
    }

    @Override
    public String describe() {
        return "Kafka broker process with its data in " + dir;
    }

    @Override
    public synchronized void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
