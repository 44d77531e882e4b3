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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.bench.InvariantChecker;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * Leases on calls in progress (DESIGN 4.3, invariant I8). A dialer killed with SIGKILL in the
 * middle of its calls: their leases run out and each is settled as lost within one lease period,
 * so the campaign's slots come back in seconds and it completes. campaign-service frozen: the
 * dialers cannot renew and hang their calls up themselves before the leases run out. The
 * invariant checker finds I1–I5 and I8 kept.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LeaseIT {

    /** campaign-service's lease here: shorter than its default 30 s, so that the test waits less for it. */
    private static final Duration LEASE = Duration.ofSeconds(12);

    private static SystemStack stack;
    private static CampaignApi api;
    private final EventTopics topics = new EventTopics();

    @BeforeAll
    static void startSystem() throws Exception {
        // Every call is answered and talks 4–16 s: a dialer always holds calls, and some outlast a lease.
        stack = SystemStacks.open(new SystemStacks.Settings(2, Map.of("SIM_TIME_SCALE", "0.04",
                "OUTDIAL_TELEPHONY_SIMULATED_TALK_SECONDS", "100,400", "SIM_ANSWERED", "1", "SIM_NO_ANSWER", "0", "SIM_BUSY", "0",
                "SIM_VOICEMAIL", "0", "SIM_ERROR", "0"), Map.of(), Map.of("DISPATCH_LEASE", "PT" + LEASE.toSeconds() + "S"), false),
                "lease");
        api = new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT);
    }

    private List<CallEvent> callEvents(String campaign) {
        return topics.readToEnd(Topics.CALL_EVENTS, Duration.ofSeconds(60)).stream().filter(r -> campaign.equals(r.key()))
                .map(r -> (CallEvent) CloudEventHeaders.read(r.headers(), r.value()).event()).toList();
    }

    @Test
    void aKilledDialersCallsAreGivenUpWithinALeaseAndTheCampaignCompletes() throws Exception {
        int cap = 20;
        String campaign = api.campaign("lease", api.callerIds(), api.contacts("lease", 60), cap, 1);
        api.run(campaign);

        // Both dialers hold calls of the campaign: kill the one that placed its first call.
        ConsumerRecord<String, String> first = topics.awaitRecords(Topics.CALL_EVENTS, "a call of the campaign",
                r -> campaign.equals(r.key()) && CloudEventHeaders.read(r.headers(), r.value()).event() instanceof CallInitiated,
                Duration.ofSeconds(60)).stream().filter(r -> campaign.equals(r.key())).findFirst().orElseThrow();
        String dialerId = ((CallInitiated) CloudEventHeaders.read(first.headers(), first.value()).event()).dialerId();
        ServiceProcess holder = stack.dialers.get(dialerId.startsWith("dialer-1-") ? 0 : 1);
        awaitCalling(campaign, cap, Duration.ofSeconds(60));
        Thread.sleep(1000);

        Instant killedAt = Instant.now();
        holder.kill();
        api.awaitCompleted(campaign, Duration.ofMinutes(5));

        // The calls the killed dialer left behind: initiated by it before the kill, never ended by it.
        Set<String> initiatedByHolder = new HashSet<>();
        Set<String> endedByDialer = new HashSet<>();
        Map<String, Instant> leaseExpired = new java.util.HashMap<>();
        for (CallEvent e : callEvents(campaign)) {
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
            assertTrue(!ranOut.isAfter(killedAt.plus(LEASE)), "a lease ran out at " + ranOut
                    + ", more than one lease after the kill at " + killedAt);
        }
        // Their slots came back when their settlements did (the survivor took the partition over
        // meanwhile, so the campaign's "calling" count never shows it alone).
        Instant lastSettled = topics.readToEnd(Topics.CONTACT_OUTCOMES, Duration.ofSeconds(60)).stream()
                .filter(r -> campaign.equals(r.key()))
                .map(r -> CloudEventHeaders.read(r.headers(), r.value()).event())
                .filter(e -> e instanceof ContactSettled settled && cutOff.contains(settled.callId()))
                .map(e -> ((ContactSettled) e).settledAt()).max(Instant::compareTo).orElseThrow();
        double slotsFreeSeconds = Duration.between(killedAt, lastSettled).toMillis() / 1000.0;
        assertTrue(slotsFreeSeconds <= LEASE.toSeconds() + 10, "slots free only after " + slotsFreeSeconds + " s");
        System.out.printf("dialer killed holding %d calls: every one settled as %s, the last %.1f s after the kill%n",
                cutOff.size(), CallEnded.LEASE_EXPIRED, slotsFreeSeconds);

        assertCheckerPasses(campaign);
        holder.restart();
        holder.awaitReady(Duration.ofMinutes(2));
    }

    @Test
    void dialersCutOffFromCampaignServiceHangUpBeforeTheirLeasesRunOut() throws Exception {
        int cap = 20;
        String campaign = api.campaign("fenced", api.callerIds(), api.contacts("fenced", 40), cap, 2);
        api.run(campaign);
        awaitCalling(campaign, cap, Duration.ofSeconds(60));

        // campaign-service stops answering: no lease can be renewed, and each dialer must end its
        // calls by itself before their leases run out there.
        Instant stoppedAt = Instant.now();
        signal("STOP", stack.campaign.pid());
        try {
            Thread.sleep(LEASE.plusSeconds(5).toMillis());
        } finally {
            signal("CONT", stack.campaign.pid());
        }
        api.awaitCompleted(campaign, Duration.ofMinutes(5));

        List<CallEnded> fenced = callEvents(campaign).stream().filter(e -> e instanceof CallEnded end
                && CallEnded.LEASE_LOST.equals(end.endReason())).map(CallEnded.class::cast).toList();
        assertTrue(!fenced.isEmpty(), "calls in progress when campaign-service stopped were hung up by their dialers");
        for (CallEnded end : fenced) {
            // The last renewal was asked for before the stop, so every such lease ran out by stop + lease.
            assertTrue(end.endedAt().isBefore(stoppedAt.plus(LEASE)), "call " + end.callId() + " hung up at " + end.endedAt()
                    + ", after its lease (renewed before " + stoppedAt + ") ran out");
        }
        System.out.printf("campaign-service stopped for %d s: %d calls hung up by their dialers (%s)%n",
                LEASE.plusSeconds(5).toSeconds(), fenced.size(), CallEnded.LEASE_LOST);
        assertCheckerPasses(campaign);
    }

    /**
     * The broker hands a dialer commands again (a rebalance before their offsets were committed) while
     * their calls are in progress: a copy is skipped at a full dialer, refused at its claim, or its
     * claim goes unanswered. None of these may free a contact whose call a dialer still holds, or the
     * contact would be dialed twice at once (I3, I8). The copies go through the dialers as the broker
     * would redeliver them; beside them, each call in progress also gets the skip and the unanswered
     * claim a second dialer would emit, so the case is met however the copies are timed.
     */
    @Test
    void redeliveredCommandsOfCallsInProgressFreeNoContact() throws Exception {
        int cap = 10;
        String campaign = api.campaign("redelivered", api.callerIds(), api.contacts("redelivered", 20), cap, 0);
        api.run(campaign);
        awaitCalling(campaign, cap, Duration.ofSeconds(60));

        List<ConsumerRecord<String, String>> commands = topics.readToEnd(Topics.DIAL_COMMANDS, Duration.ofSeconds(60)).stream()
                .filter(r -> campaign.equals(EventTopics.campaignOf(r))).toList();
        topics.sendAll(commands.stream().map(EventTopics::again).toList());
        Map<String, CallInitiated> inProgress = new java.util.LinkedHashMap<>();
        for (CallEvent e : callEvents(campaign)) {
            if (e instanceof CallInitiated i) {
                inProgress.putIfAbsent(i.callId(), i);
            } else if (e instanceof CallEnded end && !end.claimNotHeld()) {
                inProgress.remove(e.callId()); // a skip or a claim not held (a copy's) ends nothing
            }
        }
        assertTrue(!inProgress.isEmpty(), "calls in progress");
        Instant now = Instant.now();
        for (CallInitiated call : inProgress.values()) {
            topics.publish(new io.outdial.contract.events.CallSkipped(call.callId(), campaign, call.campaignContactId(),
                    call.contactId(), call.attempt(), "at_capacity", now));
            topics.publish(new CallEnded(call.callId(), campaign, call.campaignContactId(), call.contactId(), call.attempt(),
                    io.outdial.contract.events.CallOutcome.NOT_DIALED, CallEnded.CLAIM_FAILED, now, 0, 0, null));
        }
        api.awaitCompleted(campaign, Duration.ofMinutes(5));

        System.out.printf("%d commands delivered twice and %d calls in progress skipped and refused elsewhere: the contacts kept their calls%n",
                commands.size(), inProgress.size());
        assertCheckerPasses(campaign);
    }

    private static void assertCheckerPasses(String campaign) throws Exception {
        InvariantChecker checker = InvariantChecker.check(TestInfrastructure.get().kafkaBootstrapServers(), api, List.of(campaign));
        assertTrue(checker.passed(), "the invariant checker:\n" + checker.report());
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
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
