package io.outdial.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.bench.InvariantChecker;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * A dialer killed with SIGKILL in the middle of its calls (DESIGN 4.3, invariant I8): its calls'
 * leases run out and each is settled as lost within one lease period, so the campaign's slots come
 * back in seconds and it completes; the invariant checker finds I1–I5 and I8 kept.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LeaseIT {

    /** campaign-service's default lease. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static SystemStack stack;
    private static CampaignApi api;
    private final EventTopics topics = new EventTopics();

    @BeforeAll
    static void startSystem() throws Exception {
        // Every call is answered and talks 2–18 s (a tenth of the default durations): a dialer always holds calls.
        stack = new SystemStack(2, Map.of("SIM_TIME_SCALE", "0.1", "SIM_ANSWERED", "1", "SIM_NO_ANSWER", "0", "SIM_BUSY", "0",
                "SIM_VOICEMAIL", "0", "SIM_ERROR", "0"));
        api = new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT);
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    private List<CallEvent> callEvents(String campaign) {
        return topics.readToEnd(Topics.CALL_EVENTS, Duration.ofSeconds(60)).stream().filter(r -> campaign.equals(r.key()))
                .map(r -> (CallEvent) CloudEventHeaders.read(r.headers(), r.value()).event()).toList();
    }

    @Test
    void aKilledDialersCallsAreGivenUpWithinALeaseAndTheCampaignCompletes() throws Exception {
        int cap = 20;
        String campaign = api.campaign("lease", api.callerIds(), api.contacts("lease", 120), cap, 1);
        api.run(campaign);

        // The dialer that owns the campaign's partition holds its calls: find it from a CallInitiated.
        ConsumerRecord<String, String> first = topics.awaitRecords(Topics.CALL_EVENTS, "a call of the campaign",
                r -> campaign.equals(r.key()) && CloudEventHeaders.read(r.headers(), r.value()).event() instanceof CallInitiated,
                Duration.ofSeconds(60)).stream().filter(r -> campaign.equals(r.key())).findFirst().orElseThrow();
        String dialerId = ((CallInitiated) CloudEventHeaders.read(first.headers(), first.value()).event()).dialerId();
        ServiceProcess holder = stack.dialers.get(dialerId.startsWith("dialer-1-") ? 0 : 1);
        awaitCalling(campaign, cap, Duration.ofSeconds(60));
        Thread.sleep(1000);

        Instant killedAt = Instant.now();
        holder.kill();
        long killed = System.nanoTime();
        int holding = api.statusCounts(campaign).path("calling").asInt();

        // The slots come back once the held calls' leases ran out: the "calling" count drops to what
        // the other dialer holds (nothing, until the dead one's partition moves to it).
        double slotsFreeSeconds = -1;
        while (System.nanoTime() - killed < LEASE.plusSeconds(30).toNanos()) {
            if (api.statusCounts(campaign).path("calling").asInt() == 0) {
                slotsFreeSeconds = (System.nanoTime() - killed) / 1e9;
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(slotsFreeSeconds >= 0, "the killed dialer's slots were not freed within a lease and 30 s: "
                + api.statusCounts(campaign));

        api.awaitCompleted(campaign, Duration.ofMinutes(5));

        List<CallEvent> events = callEvents(campaign);
        Set<String> initiatedByHolder = new HashSet<>();
        Set<String> endedByDialer = new HashSet<>();
        Map<String, Instant> leaseExpired = new java.util.HashMap<>();
        for (CallEvent e : events) {
            if (e instanceof CallInitiated i && i.dialerId().equals(dialerId) && i.initiatedAt().isBefore(killedAt)) {
                initiatedByHolder.add(i.callId());
            } else if (e instanceof CallEnded end) {
                if (CallEnded.LEASE_EXPIRED.equals(end.endReason())) {
                    leaseExpired.put(end.callId(), end.endedAt());
                } else if (end.outcome().isAttempt()) {
                    endedByDialer.add(end.callId());
                }
            }
        }
        Set<String> cutOff = new HashSet<>(initiatedByHolder);
        cutOff.removeAll(endedByDialer);
        assertTrue(!cutOff.isEmpty(), "the killed dialer held calls");
        assertEquals(cutOff, leaseExpired.keySet(), "exactly the calls the killed dialer left behind were given up");
        for (Instant ranOut : leaseExpired.values()) {
            assertTrue(!ranOut.isAfter(killedAt.plus(LEASE).plusSeconds(2)), "a lease ran out at " + ranOut
                    + ", more than one lease after the kill at " + killedAt);
        }
        System.out.printf("dialer killed holding %d calls (%d in the campaign's count): slots free after %.1f s, %d calls "
                + "settled as %s%n", cutOff.size(), holding, slotsFreeSeconds, leaseExpired.size(), CallEnded.LEASE_EXPIRED);

        InvariantChecker checker = InvariantChecker.check(TestInfrastructure.get().kafkaBootstrapServers(), api, List.of(campaign));
        assertTrue(checker.passed(), "the invariant checker:\n" + checker.report());
    }

    private static void awaitCalling(String campaign, int calls, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api.statusCounts(campaign).path("calling").asInt() < calls) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the campaign never had " + calls + " calls in progress: " + api.statusCounts(campaign));
            }
            Thread.sleep(200);
        }
    }
}
