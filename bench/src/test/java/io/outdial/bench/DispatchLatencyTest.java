package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.testsupport.CallLedger;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DispatchLatencyTest {

    private static CallLedger.Call call(long startMs, long endMs) {
        CallLedger.Call c = new CallLedger.Call();
        c.initiatedAt = Instant.ofEpochMilli(startMs);
        c.endedAt = Instant.ofEpochMilli(endMs);
        return c;
    }

    @Test
    void eachEndIsFollowedByTheNextInitiation() {
        // Call 1 ends at 100, call 3 starts at 105; call 2 ends at 200, call 4 starts at 220;
        // calls 3 and 4 end after the last initiation: no next call to wait for.
        List<CallLedger.Call> calls = List.of(call(0, 100), call(0, 200), call(105, 300), call(220, 400));
        assertEquals(List.of(5.0, 20.0), Bench.dispatchLatencies(calls));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5.0, Bench.percentile(values, 50));
        assertEquals(10.0, Bench.percentile(values, 99));
    }
}
