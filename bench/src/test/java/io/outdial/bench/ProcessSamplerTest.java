package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The CPU share the sampler reads from /proc for a window: a spinning thread shows, an idle process does not. */
class ProcessSamplerTest {

    @Test
    void aWindowsCoresFollowWhatTheProcessSpent() throws Exception {
        long self = ProcessHandle.current().pid();
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            Instant from;
            Instant to;
            ProcessSampler sampler = new ProcessSampler(List.of(new ProcessSampler.Target("busy", () -> self, null),
                    new ProcessSampler.Target("idle", idle::pid, null),
                    new ProcessSampler.Target("restarting", () -> {
                        throw new IllegalStateException("no pid file");
                    }, null)));
            try {
                Thread.sleep(700); // a sample before the window starts
                from = Instant.now();
                AtomicBoolean spin = new AtomicBoolean(true);
                Thread spinner = new Thread(() -> {
                    long x = 0;
                    while (spin.get()) {
                        x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                });
                spinner.start();
                Thread.sleep(Duration.ofSeconds(2).toMillis());
                spin.set(false);
                spinner.join();
                to = Instant.now();
                Thread.sleep(700); // a sample after it ends
            } finally {
                sampler.close();
            }
            // A window read as soon as it ends, before the sampler's next round, is not empty.
            assertTrue(!sampler.coresBetween(from, Instant.now()).isEmpty(), "a window that just ended");
            Map<String, Double> cores = sampler.coresBetween(from, to);
            // A target whose pid cannot be read stops neither the sampling nor the others' figures.
            assertEquals(List.of("busy", "idle", "restarting"), List.copyOf(cores.keySet()));
            assertEquals(0.0, cores.get("restarting"));
            // One thread spun for 2 s of a window of at most about 3.2 s between samples, on any number of cores.
            assertTrue(cores.get("busy") > 0.4, () -> "the spinning process used " + cores);
            assertTrue(cores.get("idle") < 0.05, () -> "the sleeping process used " + cores);
            assertTrue(sampler.coresBetween(to.plusSeconds(60), to.plusSeconds(61)).isEmpty(), "no samples after the run");
        } finally {
            idle.destroy();
        }
    }
}
