package io.outdial.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Samples every service's resident set size ({@code /proc/<pid>/status}) twice a second and its
 * heap (Micrometer's {@code jvm_memory_used_bytes{area="heap"}}) every two seconds, and keeps the
 * peaks. The heap is read less often because a scrape is not free for the service: its
 * {@code /q/metrics} renders about 800 series, 690 of them the Kafka clients', about 110 kB, and at
 * twice a second the scrapes took 6 to 10 % of each service's CPU samples.
 */
final class ProcessSampler implements AutoCloseable {

    /** A process to watch: its pid (which changes when it is restarted) and metrics URL, if any. */
    record Target(String name, LongSupplier pid, String metricsUrl) {
    }

    static final class Peak {
        long heapBytes;
        long rssBytes;
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, Peak> peaks = new LinkedHashMap<>();
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
            sample(round % ROUNDS_PER_HEAP_SAMPLE == 0);
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
            long pid = target.pid().getAsLong();
            peak.rssBytes = Math.max(peak.rssBytes, Math.max(status(pid, "VmRSS"), status(pid, "VmHWM")));
            if (heap && target.metricsUrl() != null) {
                peak.heapBytes = Math.max(peak.heapBytes, heapUsed(target.metricsUrl()));
            }
        });
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
