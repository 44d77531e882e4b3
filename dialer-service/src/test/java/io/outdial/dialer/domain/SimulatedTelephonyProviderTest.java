package io.outdial.dialer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import io.outdial.contract.events.CallOutcome;
import io.outdial.dialer.domain.TelephonyProvider.CallRequest;

class SimulatedTelephonyProviderTest {

    private static final TelephonyProvider.Listener IGNORED = new TelephonyProvider.Listener() {
        @Override
        public void ringing(Instant at) {
        }

        @Override
        public void answered(Instant at) {
        }

        @Override
        public void ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds,
                Integer sipStatus) {
        }
    };

    private static CallRequest call(int n, Map<String, String> variables) {
        return new CallRequest("call-" + n, "campaign", "contact", 1, "+12025550123", "+12025550100", "asst", 30, 1800, null,
                variables);
    }

    @Test
    void keepsTheLastCallsWithTheVariablesARealProviderWouldSend() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            var provider = new SimulatedTelephonyProvider(1, new CallScript.Mix(1, 0, 0, 0, 0, 0, 0, 0, 0), 0, timer,
                    Clock.systemUTC());
            for (int i = 0; i < SimulatedTelephonyProvider.RECENT_CALLS + 5; i++) {
                provider.place(call(i, Map.of("plan", "gold-" + i)), IGNORED);
            }
            var recent = provider.recentCalls();
            assertEquals(SimulatedTelephonyProvider.RECENT_CALLS, recent.size(), "bounded");
            assertEquals("call-5", recent.get(0).callId(), "oldest first, the first ones dropped");
            assertEquals(Map.of("plan", "gold-" + (SimulatedTelephonyProvider.RECENT_CALLS + 4)),
                    recent.get(recent.size() - 1).variables());
        } finally {
            timer.shutdownNow();
        }
    }
}
