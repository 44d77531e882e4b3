package io.outdial.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * SIPp as a trunk: a user agent server running one of the scenarios in {@code sipp/} (this module's
 * resources) on a free loopback port, logging every message it sends and receives ({@code -trace_msg}).
 * Missing sipp skips the test, except under {@code CI=true}, where it fails.
 */
public final class Sipp implements AutoCloseable {

    public enum Transport { UDP, TCP }

    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final int port;
    private final Path directory;
    private final String scenario;

    private Sipp(Process process, int port, Path directory, String scenario) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.scenario = scenario;
    }

    /**
     * Starts {@code scenario} to serve {@code calls} calls, then exit (0: serve until closed);
     * {@code options} are added to the command line ({@code -d 300}, {@code -set disposition voicemail}).
     * Returns once SIPp listens. It stops with this JVM, however that ends.
     */
    public static Sipp serve(String scenario, Transport transport, int calls, String... options) {
        String sipp = binary();
        Path directory;
        try {
            directory = Files.createTempDirectory("sipp-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path scenarioFile = scenarioFile(scenario, directory);
        // A free port can be taken by another process before SIPp binds it: then try another one.
        for (int attempt = 1;; attempt++) {
            int port = freePort(transport);
            List<String> command = new ArrayList<>(List.of(sipp, "-sf", scenarioFile.toString(), "-i", HOST,
                    "-p", String.valueOf(port), "-t", transport == Transport.UDP ? "u1" : "t1", "-nostdin",
                    "-trace_msg", "-message_file", directory.resolve("messages.log").toString(),
                    "-trace_err", "-error_file", directory.resolve("errors.log").toString()));
            if (calls > 0) {
                // A scenario that waits forever still ends: no test leaves a SIPp behind.
                command.addAll(List.of("-m", String.valueOf(calls), "-timeout", "120s"));
            }
            command.addAll(List.of(options));
            Process process;
            try {
                process = ChildProcesses.register(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("screen.log").toFile()).start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
            }
            OrphanGuard.stopWithThisJvm(process.pid(), "TERM");
            Sipp started = new Sipp(process, port, directory, scenario);
            if (started.awaitListening(transport, Duration.ofSeconds(10), attempt < 5)) {
                return started;
            }
        }
    }

    public int port() {
        return port;
    }

    /** Waits for SIPp to finish its calls and exit; fails (with SIPp's own account) when it did not, or when a call failed. */
    public void awaitScenarioPassed(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("SIPp (" + scenario + ") did not finish its calls within " + within + "\n" + report());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for SIPp (" + scenario + ")");
        }
        if (process.exitValue() != 0) {
            fail("SIPp (" + scenario + ") exited with " + process.exitValue() + ": a call did not follow the scenario\n" + report());
        }
    }

    /** One message in SIPp's log, as SIPp saw it: when (its local clock), which way, and the text. */
    public record Message(LocalDateTime at, boolean received, String text) {
        /** The request line or status line. */
        public String firstLine() {
            return text.lines().findFirst().orElse("");
        }

        /** The method of a request, null for a response. */
        public String method() {
            return firstLine().startsWith("SIP/2.0") ? null : firstLine().split(" ")[0];
        }
    }

    /** The messages SIPp received, in order. */
    public List<Message> received() {
        return messages().stream().filter(Message::received).toList();
    }

    /** Methods of the requests SIPp received, in order ({@code INVITE}, {@code ACK}, {@code BYE}...). */
    public List<String> receivedRequests() {
        return received().stream().map(Message::method).filter(m -> m != null).toList();
    }

    /**
     * SIPp's message log: each message follows a line of dashes and a timestamp, then a line like
     * {@code UDP message received [526] bytes :} or {@code TCP message sent (321 bytes):}.
     */
    public List<Message> messages() {
        Path log = directory.resolve("messages.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Message> found = new ArrayList<>();
        String[] blocks = read(log).split("(?m)^-{20,} ");
        for (String block : blocks) {
            String[] lines = block.split("\r?\n", 3);
            if (lines.length < 3 || !lines[1].matches("^(UDP|TCP) message (sent|received).*")) {
                continue;
            }
            LocalDateTime at = LocalDateTime.parse(lines[0].trim().replace(' ', 'T'));
            found.add(new Message(at, lines[1].contains(" received"), lines[2].strip()));
        }
        return found;
    }

    /** SIPp's screen, errors and message log, for failure messages. */
    public String report() {
        StringBuilder report = new StringBuilder();
        for (String name : List.of("screen.log", "errors.log", "messages.log")) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) {
                String text = read(file);
                report.append("--- sipp ").append(name).append(" ---\n")
                        .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
            }
        }
        return report.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temporary directory left behind harms nothing.
        }
    }

    /** SIPp listens once its port can no longer be bound. */
    /** True once SIPp listens; false when its port was taken meanwhile and {@code mayRetry}. */
    private boolean awaitListening(Transport transport, Duration within, boolean mayRetry) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                if (mayRetry && read(directory.resolve("screen.log")).contains("errno = 98")) {
                    return false;
                }
                fail("SIPp (" + scenario + ") exited at start with " + process.exitValue() + "\n" + report());
            }
            if (!bindable(transport, port)) {
                return true;
            }
            sleep(20);
        }
        close();
        fail("SIPp (" + scenario + ") did not listen on " + HOST + ":" + port + " within " + within + "\n" + report());
        return false;
    }

    public static String binary() {
        Optional<String> found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "sipp")).filter(Files::isExecutable).map(Path::toString).findFirst();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("sipp is not installed (Debian package sip-tester); the SIP tests need it under CI=true");
            }
            Assumptions.abort("sipp is not installed (Debian package sip-tester): SIP wire tests skipped");
        }
        return found.get();
    }

    /** The scenario, copied out of this module's resources (which may be inside a jar) into {@code directory}. */
    private static Path scenarioFile(String scenario, Path directory) {
        try (InputStream resource = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
            if (resource == null) {
                fail("no SIPp scenario sipp/" + scenario + " in test-support");
            }
            Path file = directory.resolve(scenario);
            Files.copy(resource, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free for the transport now (a later bind may still race, which on loopback in a test is acceptable). */
    public static int freePort(Transport transport) {
        try {
            if (transport == Transport.UDP) {
                try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
                    return socket.getLocalPort();
                }
            }
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(Transport transport, int port) {
        try {
            if (transport == Transport.UDP) {
                new DatagramSocket(port, InetAddress.getByName(HOST)).close();
            } else {
                new ServerSocket(port, 1, InetAddress.getByName(HOST)).close();
            }
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
