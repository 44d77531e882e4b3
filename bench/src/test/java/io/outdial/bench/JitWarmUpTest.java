package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    private static final long SELF = ProcessHandle.current().pid();

    /** A round that lasts 200 ms, long enough for the kernel's 10 ms ticks to give a share of a core. */
    private static List<String> round(AtomicInteger rounds) throws InterruptedException {
        Thread.sleep(200);
        return List.of("round-" + rounds.incrementAndGet());
    }

    @Test
    void readsTheCompilerThreadsOfALiveJvmAndNothingOfAGoneOne() {
        // Fresh code run hot until this JVM's compiler threads have used CPU (bounded): a reader that
        // missed them would read 0 however long the JVM compiles.
        long deadline = System.nanoTime() + 30_000_000_000L;
        long sink = 0;
        for (int n = 0; JitWarmUp.compilerTicks(SELF) == 0 && System.nanoTime() < deadline; n++) {
            int k = n;
            IntUnaryOperator hot = x -> Integer.toString(x * 31 + k).hashCode() ^ String.valueOf(k).length();
            for (int i = 0; i < 20_000; i++) {
                sink += hot.applyAsInt(i);
            }
        }
        assertTrue(JitWarmUp.compilerTicks(SELF) > 0, "a running JVM's compiler threads have used CPU (" + sink + ")");
        assertEquals(0, JitWarmUp.compilerTicks(Long.MAX_VALUE));
    }

    @Test
    void stopsAtTheFirstRoundWhoseCompilingIsAtMostTheSettledShare() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        int cores = Runtime.getRuntime().availableProcessors();
        // A JVM's compiler threads cannot take more than every core of the machine.
        JitWarmUp.Done done = new JitWarmUp(Map.of("self", () -> SELF), cores, 5).run("test", () -> round(rounds));
        assertTrue(done.settled());
        assertEquals(1, done.rounds());
        assertEquals(List.of("round-1"), done.campaigns());
        double share = done.lastRoundCores().get("self");
        assertTrue(share >= 0 && share <= cores, "a share of the machine's cores: " + share);
    }

    @Test
    void runsAtMostTheRoundsAllowedAndSaysWhenCompilingHadNotSettled() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        JitWarmUp.Done done = new JitWarmUp(Map.of("self", () -> SELF), -1, 3).run("test", () -> round(rounds));
        assertFalse(done.settled());
        assertEquals(3, done.rounds());
        assertEquals(List.of("round-1", "round-2", "round-3"), done.campaigns());
        assertEquals(3, done.toMap().get("rounds"));
        assertEquals(false, done.toMap().get("settled"));
    }
}
