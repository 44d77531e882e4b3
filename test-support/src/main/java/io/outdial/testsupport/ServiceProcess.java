package io.outdial.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own process,
 * which can be killed (SIGKILL, as a crash) and started again on the same ports: its public port
 * ({@link #url()}) and its management port ({@link #managementUrl()}: health, metrics, /internal).
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Each service's JVM as the Kubernetes manifests size it: a 384 MB heap (JAVA_MAX_MEM_RATIO 50
     * of a 768Mi limit) and one processor (a CPU limit of 1), so that its thread pools and collector
     * are chosen for one core rather than for the whole machine that the services, broker and
     * database share.
     */
    private static final List<String> MANIFEST_JVM_OPTIONS = List.of("-Xmx384m", "-XX:ActiveProcessorCount=1");

    private final String name;
    private final int port;
    private final int managementPort;
    private final ProcessBuilder builder;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, int port, int managementPort, ProcessBuilder builder, Path log) throws IOException {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.builder = builder;
        this.log = log;
        this.process = ChildProcesses.register(builder.start());
    }

    public static ServiceProcess start(String module, String name, Map<String, String> env) throws IOException {
        return start(module, name, env, 0);
    }

    /** Starts a service on {@code port}, or on a free port when it is 0; its management port is a free one. */
    public static ServiceProcess start(String module, String name, Map<String, String> env, int port) throws IOException {
        return start(module, name, env, port, 0);
    }

    /** Starts a service on {@code port} and {@code managementPort}, each a free port when it is 0. */
    public static ServiceProcess start(String module, String name, Map<String, String> env, int port, int managementPort)
            throws IOException {
        Path root = Path.of(System.getProperty("outdial.repo.root", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds them)");
        }
        port = port == 0 ? freePort() : port;
        while (managementPort == 0 || managementPort == port) {
            managementPort = freePort();
        }
        Path logs = Path.of(System.getProperty("outdial.logs.dir", root.resolve("system-tests/target/service-logs").toString()));
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(MANIFEST_JVM_OPTIONS);
        // Extra JVM options for every service, e.g. the system tests' C1-only JIT (see system-tests/pom.xml).
        String javaOptions = System.getProperty("outdial.service.java-options", "").trim();
        if (!javaOptions.isEmpty()) {
            command.addAll(List.of(javaOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // Appended, so that a restarted service's log follows the one it had before the crash.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("QUARKUS_ANALYTICS_DISABLED", "true");
        // The service exits by itself if this JVM dies without running its shutdown hooks.
        builder.environment().put("OUTDIAL_PARENT_PID", Long.toString(ChildProcesses.parentPid()));
        return new ServiceProcess(name, port, managementPort, builder, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to drain, commit or say goodbye. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the same service again, same port and settings, after {@link #kill()} or {@link #close()}. */
    public synchronized void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = ChildProcesses.register(builder.start());
    }

    /**
     * As {@link #restart()}, with {@code env} set over the settings it was started with; later
     * restarts keep them.
     */
    public synchronized void restart(Map<String, String> env) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        builder.environment().putAll(env);
        restart();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Ports this JVM handed to a service already: not handed out twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port below the kernel's range for outgoing connections. A port from that range (what
     * {@code new ServerSocket(0)} gives) can be taken by any client's connection in the seconds
     * before the service binds it, and the service then fails to start.
     */
    static int freePort() throws IOException {
        int high = ephemeralPortsFrom();
        int low = Math.max(1024, high - 16_000);
        for (int tries = 0; high - low >= 1000 && tries < 500; tries++) {
            int candidate = java.util.concurrent.ThreadLocalRandom.current().nextInt(low, high);
            if (!HANDED_OUT.add(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new java.net.InetSocketAddress(candidate));
                return candidate;
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        // The kernel may give a port it gave before, once that socket is closed: not one handed out.
        for (int tries = 0; tries < 1000; tries++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("no free port that was not handed out already");
    }

    /** The first port of Linux's range for outgoing connections (32768 when it cannot be read). */
    static int ephemeralPortsFrom() {
        try {
            // Read as a stream: Files.readString trusts the size /proc reports, and read "3" of "32768 60999" here.
            String range;
            try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                range = reader.readLine().trim();
            }
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }

    public Path log() {
        return log;
    }

    /** The public port: the API. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The management port: {@code /q/health}, {@code /q/metrics} and, with the internal token, {@code /internal/**}. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** Waits until {@code /q/health/ready} answers 200 on the management port, or fails with the end of the service's log. */
    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(managementUrl() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    public String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks the service to stop (SIGTERM: it drains and leaves its consumer groups), waits up to 20 s, then kills it. */
    @Override
    public void close() {
        closeAll(List.of(this));
    }

    /** {@link #close()} for several services at once: they are all asked first, then awaited. */
    public static void closeAll(List<ServiceProcess> services) {
        List<Process> processes = services.stream().map(s -> {
            synchronized (s) {
                return s.process;
            }
        }).toList();
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
