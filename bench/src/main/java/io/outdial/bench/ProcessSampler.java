package io.outdial.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Samples every service's resident set size ({@code /proc/<pid>/status}) and CPU time
 * ({@code /proc/<pid>/stat}) twice a second and its heap (Micrometer's
 * {@code jvm_memory_used_bytes{area="heap"}}) every two seconds; keeps the peaks, and the CPU time
 * each process has used so far at every sample, so that a window's share of the cores can be read
 * afterwards. The heap is read less often because a scrape is not free for the service: its
 * {@code /q/metrics} renders about 800 series, 690 of them the Kafka clients', about 110 kB, and at
 * twice a second the scrapes took 6 to 10 % of each service's CPU samples.
 */
final class ProcessSampler implements AutoCloseable {

    /**
     * A process to watch: its pid (which changes when it is restarted), metrics URL, if any, and
     * whether its child processes' CPU counts as its own (PostgreSQL's backends).
     */
    record Target(String name, LongSupplier pid, String metricsUrl, boolean withChildren) {

        Target(String name, LongSupplier pid, String metricsUrl) {
            this(name, pid, metricsUrl, false);
        }
    }

    /** CPU seconds each process had used by {@code at}, counted across its restarts. */
    private record CpuSample(Instant at, Map<String, Double> seconds) {
    }

    /** Kernel clock ticks a second, the unit of {@code /proc/<pid>/stat}'s times. */
    static final double TICKS_PER_SECOND = ticksPerSecond();

    static final class Peak {
        long heapBytes;
        long rssBytes;
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, Peak> peaks = new LinkedHashMap<>();
    private final Map<String, Long> lastPid = new HashMap<>();
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
    private final List<CpuSample> cpu = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread thread;
    private volatile boolean running = true;

    ProcessSampler(Iterable<Target> watched) {
        for (Target target : watched) {
            targets.put(target.name(), target);
            peaks.put(target.name(), new Peak());
        }
        thread = new Thread(this::loop, "process-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Rounds of RSS sampling per heap sample. */
    private static final int ROUNDS_PER_HEAP_SAMPLE = 4;

    private void loop() {
        for (long round = 0; running; round++) {
            try {
                sample(round % ROUNDS_PER_HEAP_SAMPLE == 0);
            } catch (RuntimeException failed) {
                // one round lost, not the rest of the run's samples
                Bench.log("process sampling failed once: " + failed);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized void sample(boolean heap) {
        targets.forEach((name, target) -> {
            Peak peak = peaks.get(name);
            long pid;
            try {
                pid = target.pid().getAsLong();
            } catch (RuntimeException unreadable) {
                return; // a process being restarted (the fault run kills PostgreSQL): its pid file may be gone a moment
            }
            peak.rssBytes = Math.max(peak.rssBytes, Math.max(status(pid, "VmRSS"), status(pid, "VmHWM")));
            if (heap && target.metricsUrl() != null) {
                peak.heapBytes = Math.max(peak.heapBytes, heapUsed(target.metricsUrl()));
            }
            countCpu(name, pid, target.withChildren());
        });
        cpu.add(new CpuSample(Instant.now(), new HashMap<>(cpuSeconds)));
    }

    /**
     * Adds what {@code pid} used since the last sample to {@code name}'s CPU seconds. A new pid (the
     * process was restarted) counts from zero; a process that is gone adds nothing.
     */
    private void countCpu(String name, long pid, boolean withChildren) {
        long ticks = cpuTicks(pid, withChildren);
        if (ticks < 0) {
            return;
        }
        Long before = lastPid.containsKey(name) && lastPid.get(name) == pid ? lastTicks.get(name) : Long.valueOf(0);
        cpuSeconds.merge(name, Math.max(0, ticks - before) / TICKS_PER_SECOND, Double::sum);
        lastPid.put(name, pid);
        lastTicks.put(name, ticks);
    }

    /**
     * User and system ticks of {@code pid} and of its children it has waited for, and with
     * {@code withChildren} those of its live descendants too (a backend's ticks pass to the
     * postmaster's once it exits); -1 when the process is gone.
     */
    private static long cpuTicks(long pid, boolean withChildren) {
        long own = statTicks(pid);
        if (own < 0 || !withChildren) {
            return own;
        }
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children)
                .mapToLong(child -> Math.max(0, statTicks(child.pid()))).sum();
    }

    /** utime + stime + cutime + cstime of {@code /proc/<pid>/stat}; -1 when the process is gone. */
    private static long statTicks(long pid) {
        try {
            String[] fields = statFields(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /**
     * The fields of a {@code /proc/.../stat} line after the command name, which may hold spaces and
     * parentheses: state is [0], utime [11], stime [12], cutime [13], cstime [14].
     */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | RuntimeException unknown) {
            return 100; // Linux's USER_HZ nearly everywhere
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * Each process's mean share of a core from {@code from} to {@code to}, between the last sample at
     * or before {@code from} and the first at or after {@code to} (taken now when the window ended
     * since the last round); empty without two such samples.
     */
    synchronized Map<String, Double> coresBetween(Instant from, Instant to) {
        if (!to.isAfter(Instant.now()) && (cpu.isEmpty() || cpu.get(cpu.size() - 1).at().isBefore(to))) {
            sample(false); // a window that ended since the last round: its end sample is taken now
        }
        CpuSample start = null;
        CpuSample end = null;
        for (CpuSample sample : cpu) {
            if (!sample.at().isAfter(from)) {
                start = sample;
            }
            if (end == null && !sample.at().isBefore(to)) {
                end = sample;
            }
        }
        if (start == null || end == null || !end.at().isAfter(start.at())) {
            return Map.of();
        }
        double seconds = Duration.between(start.at(), end.at()).toNanos() / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String name : targets.keySet()) {
            double used = end.seconds().getOrDefault(name, 0.0) - start.seconds().getOrDefault(name, 0.0);
            cores.put(name, used / seconds);
        }
        return cores;
    }

    /** A /proc/<pid>/status field in bytes; 0 when the process is gone. */
    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process exited (or was killed) between two samples
        }
        return 0;
    }

    private long heapUsed(String metricsUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            long sum = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException | RuntimeException unavailable) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    synchronized Map<String, Peak> peaks() {
        return new LinkedHashMap<>(peaks);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        sample(true);
    }
}
