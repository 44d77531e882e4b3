package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
    void onlyCallsEndedInsideTheWindowAreSamples() {
        // As above, counting only the call that ended at 200.
        List<CallLedger.Call> calls = List.of(call(0, 100), call(0, 200), call(105, 300), call(220, 400));
        assertEquals(List.of(20.0), Bench.dispatchLatencies(calls, Instant.ofEpochMilli(150), Instant.ofEpochMilli(250)));
    }

    @Test
    void steadyWindowRunsFromOneCallLengthAfterTheFirstCallToTheFirstCampaignRunningOut() {
        // Calls of 100 ms: the first placed at 0, campaign a places its last at 400, b at 300.
        List<CallLedger.Call> a = List.of(call(0, 100), call(100, 200), call(400, 500));
        List<CallLedger.Call> b = List.of(call(10, 110), call(300, 400));
        HalfLoad.SteadyWindow window = HalfLoad.SteadyWindow.of(List.of(a, b), Duration.ofMillis(100));
        assertEquals(Instant.ofEpochMilli(100), window.from());
        assertEquals(Instant.ofEpochMilli(300), window.to());
        assertEquals(2, window.placed(List.of(a, b)));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5.0, Bench.percentile(values, 50));
        assertEquals(10.0, Bench.percentile(values, 99));
    }
}
