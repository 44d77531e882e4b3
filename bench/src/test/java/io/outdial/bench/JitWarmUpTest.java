package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void readsTheCompilerThreadsOfALiveJvmAndNothingOfAGoneOne() {
        // This JVM compiled JUnit and the test on its way here.
        assertTrue(JitWarmUp.compilerTicks(SELF) > 0, "a running JVM's compiler threads have used CPU");
        assertEquals(0, JitWarmUp.compilerTicks(Long.MAX_VALUE));
    }

    @Test
    void stopsAtTheFirstRoundWhoseCompilingIsAtMostTheSettledShare() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        JitWarmUp.Done done = new JitWarmUp(Map.of("self", () -> SELF), 1.0, 5)
                .run("test", () -> List.of("round-" + rounds.incrementAndGet()));
        // One core is more than a JVM's compiler threads can take over any round.
        assertTrue(done.settled());
        assertEquals(1, done.rounds());
        assertEquals(List.of("round-1"), done.campaigns());
        assertTrue(done.lastRoundCores().containsKey("self"));
    }

    @Test
    void runsAtMostTheRoundsAllowedAndSaysWhenCompilingHadNotSettled() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        JitWarmUp.Done done = new JitWarmUp(Map.of("self", () -> SELF), -1, 3)
                .run("test", () -> List.of("round-" + rounds.incrementAndGet()));
        assertFalse(done.settled());
        assertEquals(3, done.rounds());
        assertEquals(List.of("round-1", "round-2", "round-3"), done.campaigns());
        assertEquals(Map.of("rounds", 3, "settled", false), Map.of("rounds", done.toMap().get("rounds"), "settled",
                done.toMap().get("settled")));
    }
}
