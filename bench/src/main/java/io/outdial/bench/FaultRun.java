package io.outdial.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.contract.Topics;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.KafkaProcess;
import io.outdial.testsupport.PostgresProcess;
import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * The fault-injection run: one large campaign (4000 contacts by default, calls of up to 6 s, retries
 * on) during which, one at a time, a dialer, call-result-service and campaign-service are killed with
 * SIGKILL and restarted, then PostgreSQL and the Kafka broker, and last the dialer holding the
 * campaign's calls once it holds 50 of them. For each fault it measures
 * how long the campaign took to move again; then it waits for the campaign to complete and runs the
 * invariant checker.
 *
 * <p>A dead dialer's calls are given up by campaign-service when their leases run out (30 s), so
 * call-result-service's lost-call sweep keeps its production setting here: it is no part of the recovery.
 */
final class FaultRun {

    /** A killed service's partitions are to be read again within this. */
    static final double TARGET_TAKEOVER_SECONDS = 15;
    /** campaign-service's default lease ({@code DISPATCH_LEASE}). */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How old the newest event of a dialer may be for its calls in progress to be counted from its events. */
    static final Duration FRESH = Duration.ofMillis(500);
    /** The slots of a killed dialer's calls are to be free within a lease and this. */
    static final double SLOTS_MARGIN_SECONDS = 5;

    private final Bench bench;
    private final Options options;
    private final TestInfrastructure infra;
    private final SystemStack stack;
    private final CampaignApi api;

    FaultRun(Bench bench, Options options, TestInfrastructure infra, SystemStack stack, CampaignApi api) {
        this.bench = bench;
        this.options = options;
        this.infra = infra;
        this.stack = stack;
        this.api = api;
    }

    boolean run() throws Exception {
        int contacts = options.integer("contacts", 4000);
        int cap = options.integer("cap", 100);
        int retries = options.integer("retries", 2);
        int heldCalls = options.integer("held-calls", 50);
        KafkaProcess kafka = infra.kafkaProcess().orElseThrow(() ->
                new IllegalStateException("the fault run restarts the broker: it needs its own broker process, not "
                        + TestInfrastructure.ENV_KAFKA));
        PostgresProcess postgres = infra.postgresProcess().orElseThrow(() ->
                new IllegalStateException("the fault run restarts PostgreSQL: it needs its own embedded server, not "
                        + TestInfrastructure.ENV_PG_HOST));
        Bench.log("creating a campaign of " + contacts + " contacts ...");
        String campaign = api.campaign("bench faults", api.callerIds(),
                api.contacts("f" + Long.toString(System.nanoTime(), 36), contacts), cap, retries);
        String bootstrap = infra.kafkaBootstrapServers();
        List<Fault> faults = new ArrayList<>();
        Instant started;
        boolean completed;
        JsonNode last;
        try (CallWatch watch = new CallWatch(bootstrap, campaign); GroupWatch groups = new GroupWatch(bootstrap)) {
            api.run(campaign);
            started = Instant.now();
            Faults run = new Faults(campaign, contacts, watch.calls(), groups);
            faults.add(run.service(0.10, stack.dialers.get(0), "dialer-service", 1));
            faults.add(run.service(0.25, stack.callResult, "call-result-service", -1));
            faults.add(run.service(0.40, stack.campaign, "campaign-service", -1));
            faults.add(run.other(0.55, "postgresql", () -> {
                postgres.kill();
                postgres.restart();
            }));
            faults.add(run.other(0.70, "kafka-broker", () -> {
                kafka.kill();
                Thread.sleep(2000);
                kafka.start();
            }));
            faults.add(run.heldCalls(0.80, heldCalls));
            Bench.Outcome outcome = Bench.awaitCompleted(api, campaign, Duration.ofMinutes(options.integer("timeout-minutes", 8)));
            last = outcome.last();
            completed = outcome.completed();
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;

        // The figures, from everything the topics hold now that the campaign is over.
        CampaignCalls calls = new CampaignCalls(campaign);
        EventTopics topics = new EventTopics(bootstrap);
        calls.applyAll(topics.readToEnd(Topics.CALL_EVENTS, Duration.ofMinutes(2)));
        calls.applyAll(topics.readToEnd(Topics.CONTACT_OUTCOMES, Duration.ofMinutes(2)));
        List<Map<String, Object>> measured = new ArrayList<>();
        for (Fault fault : faults) {
            measured.add(fault.figures(calls));
        }
        printTable(measured);
        for (Map<String, Object> f : measured) {
            rows(f, heldCalls);
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("contacts", contacts);
        run.put("maxConcurrentCalls", cap);
        run.put("maxRetries", retries);
        run.put("completed", completed);
        run.put("seconds", Bench.round(seconds));
        run.put("faults", measured);
        run.put("final", Map.of("status", last.get("status").asText(), "contactsCalled", last.get("contactsCalled").asInt(),
                "contactsCompleted", last.get("contactsCompleted").asInt(), "contactsAnswered", last.get("contactsAnswered").asInt()));
        bench.result("faultRun", run);
        bench.row("fault run: campaign completed",
                String.format("%s in %.0f s (%d contacts, %d faults)", completed ? "yes" : "NO", seconds, contacts, faults.size()),
                "completes", completed);
        boolean passed = bench.checker(infra, api, List.of(campaign));
        return completed && passed;
    }

    interface Action {
        void run() throws Exception;
    }

    /** One fault as it was applied, and what was measured while it happened. */
    private static final class Fault {
        final String target;
        final Instant at;
        final int calledBefore;
        double backSeconds;
        String group;
        CompletableFuture<Double> takeover = CompletableFuture.completedFuture(null);
        /** A dialer's id or the start of it, when the fault killed one: its calls were left to their leases. */
        String dialerId;
        Integer callsInProgressAtKill;
        Set<String> inProgressAtKill = Set.of();
        /** The newest event read from the killed dialer, seconds before the kill. */
        double eventsReadUpToSeconds;
        Integer callingAtKill;
        boolean restartedAfterMeasuring;

        Fault(String target, Instant at, int calledBefore) {
            this.target = target;
            this.at = at;
            this.calledBefore = calledBefore;
        }

        Map<String, Object> figures(CampaignCalls calls) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("target", target);
            f.put("at", at.toString());
            f.put("contactsCalledBefore", calledBefore);
            f.put("secondsUntilBack", Bench.round(backSeconds));
            f.put("secondsUntilCallPlaced", CampaignCalls.seconds(at, calls.firstPlacedAfter(at)));
            f.put("secondsUntilProgress", CampaignCalls.seconds(at, calls.firstSettledAfter(at)));
            if (group != null) {
                f.put("consumerGroup", group);
                f.put("secondsUntilPartitionsReassigned", takeover.getNow(null));
            }
            if (dialerId != null) {
                String id = calls.dialerId(dialerId).orElse(dialerId);
                CampaignCalls.Held held = calls.held(id, at);
                f.put("dialerId", id);
                f.put("callsHeld", held.calls());
                f.put("secondsUntilLeasesExpired", CampaignCalls.seconds(at, Optional.ofNullable(held.lastLeaseExpiredAt())));
                f.put("secondsUntilSlotsFree", CampaignCalls.seconds(at, Optional.ofNullable(held.lastSettledAt())));
                f.put("callsHeldNeverSettled", held.unsettled());
            }
            if (callsInProgressAtKill != null) {
                f.put("callsInProgressAtKill", callsInProgressAtKill);
                f.put("eventsReadUpToSecondsBeforeKill", Bench.round(eventsReadUpToSeconds));
                f.put("callsInProgressAtKillEnded", calls.fates(inProgressAtKill, at));
                f.put("callingAtKill", callingAtKill);
                f.put("secondsUntilOtherDialerCalls", CampaignCalls.seconds(at, calls.firstInitiatedAfter(at, dialerId)));
                f.put("restartedAfterMeasuring", restartedAfterMeasuring);
            }
            return f;
        }
    }

    /** Applies the faults to one campaign, one after another, each once the campaign moved again after the last. */
    private final class Faults {
        private final String campaign;
        private final int contacts;
        private final CampaignCalls calls;
        private final GroupWatch groups;

        Faults(String campaign, int contacts, CampaignCalls calls, GroupWatch groups) {
            this.campaign = campaign;
            this.contacts = contacts;
            this.calls = calls;
            this.groups = groups;
        }

        /**
         * Kills {@code service} and starts it again at once; {@code killedMembers} of its consumer
         * group {@code group} die with it (-1: all of them, the service runs alone).
         */
        Fault service(double share, ServiceProcess service, String group, int killedMembers) throws Exception {
            int called = awaitCalled(share);
            GroupWatch.Snapshot before = groups.snapshot(group);
            Fault fault = new Fault(service.name(), Instant.now(), called);
            Bench.log(String.format("fault: SIGKILL %s at %d contacts called, then restart", service.name(), called));
            long t0 = System.nanoTime();
            service.kill();
            fault.group = group;
            fault.takeover = groups.takeover(before, killedMembers < 0 ? before.members().size() : killedMembers, t0, 120);
            Thread.sleep(1000);
            service.restart();
            service.awaitReady(Duration.ofMinutes(2));
            fault.backSeconds = (System.nanoTime() - t0) / 1e9;
            if (stack.dialers.contains(service)) {
                fault.dialerId = dialerId(stack.dialers.indexOf(service));
            }
            settle(fault);
            return fault;
        }

        /** A fault that is not one service's process: PostgreSQL, the broker. */
        Fault other(double share, String target, Action action) throws Exception {
            int called = awaitCalled(share);
            Fault fault = new Fault(target, Instant.now(), called);
            Bench.log(String.format("fault: SIGKILL %s at %d contacts called, then restart", target, called));
            long t0 = System.nanoTime();
            action.run();
            fault.backSeconds = (System.nanoTime() - t0) / 1e9;
            settle(fault);
            return fault;
        }

        /**
         * Waits until one dialer holds {@code held} of the campaign's calls and kills it. It is
         * started again only once its calls' slots are free and another dialer reads the campaign's
         * commands, so that both are the survivors' doing. Its calls are counted from its events
         * only while the newest of them is less than {@link #FRESH} old: a broker slow to serve them
         * shows calls in progress that have ended.
         */
        Fault heldCalls(double share, int held) throws Exception {
            int called = awaitCalled(share);
            GroupWatch.Snapshot before = groups.snapshot("dialer-service");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            Map.Entry<String, Integer> holder = null;
            while (System.nanoTime() < deadline) {
                holder = calls.inProgressByDialer().entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
                if (holder != null && holder.getValue() >= held && calls.latestEventOf(holder.getKey())
                        .filter(latest -> Duration.between(latest, Instant.now()).compareTo(FRESH) < 0).isPresent()) {
                    break;
                }
                Thread.sleep(20);
            }
            if (holder == null) {
                throw new IllegalStateException("no dialer holds any call of the campaign");
            }
            String dialerId = holder.getKey();
            Set<String> inProgress = calls.inProgress(dialerId);
            double behind = calls.latestEventOf(dialerId).map(latest -> Duration.between(latest, Instant.now()).toMillis() / 1000.0)
                    .orElse(Double.NaN);
            ServiceProcess process = stack.dialers.get(dialerIndex(dialerId));
            Fault fault = new Fault(process.name() + " holding calls", Instant.now(), called);
            long t0 = System.nanoTime();
            process.kill();
            fault.inProgressAtKill = inProgress;
            fault.eventsReadUpToSeconds = behind;
            fault.dialerId = dialerId;
            fault.callsInProgressAtKill = holder.getValue();
            fault.group = "dialer-service";
            fault.takeover = groups.takeover(before, 1, t0, 120);
            fault.callingAtKill = api.statusCounts(campaign).path("calling").asInt();
            Bench.log(String.format("fault: SIGKILL %s holding %d calls (%d contacts calling) at %d contacts called;"
                    + " its events read up to %.2f s before", process.name(), fault.callsInProgressAtKill, fault.callingAtKill,
                    called, behind));
            long measured = System.nanoTime() + LEASE.plusSeconds(90).toNanos();
            while (System.nanoTime() < measured && (calls.unresolved(dialerId, fault.at) > 0
                    || calls.firstInitiatedAfter(fault.at, dialerId).isEmpty() || !fault.takeover.isDone())) {
                Thread.sleep(200);
            }
            Bench.log(String.format("%s: its calls settled and its commands read by another dialer after %.1f s; restarting it",
                    process.name(), (System.nanoTime() - t0) / 1e9));
            fault.restartedAfterMeasuring = true;
            process.restart();
            process.awaitReady(Duration.ofMinutes(2));
            fault.backSeconds = (System.nanoTime() - t0) / 1e9;
            settle(fault);
            return fault;
        }

        /** Waits until {@code share} of the contacts were called; returns how many were. */
        private int awaitCalled(double share) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            int called = 0;
            while (System.nanoTime() < deadline) {
                try {
                    called = api.campaign(campaign).get("contactsCalled").asInt();
                } catch (Exception unavailable) {
                    // campaign-service restarting after the previous fault
                }
                if (called >= share * contacts) {
                    break;
                }
                Thread.sleep(200);
            }
            return called;
        }

        /** Waits (bounded) until a call placed after the fault was settled and the group took the partitions back. */
        private void settle(Fault fault) throws InterruptedException {
            Bench.log(String.format("%s back after %.1f s", fault.target, fault.backSeconds));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && calls.firstSettledAfter(fault.at).isEmpty()) {
                Thread.sleep(200);
            }
            try {
                fault.takeover.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notWithin) {
                // reported as not measured
            }
        }
    }

    /** The start of the id dialer {@code index} (from 0) of the stack places calls under. */
    private static String dialerId(int index) {
        return "dialer-" + (index + 1) + "-";
    }

    private static int dialerIndex(String dialerId) {
        return Integer.parseInt(dialerId.split("-")[1]) - 1;
    }

    private static void printTable(List<Map<String, Object>> faults) {
        System.out.println();
        System.out.printf("%-34s %7s %7s %8s %9s %11s %6s %9s %9s %9s%n", "fault (seconds after the kill)", "called",
                "back", "placed", "progress", "partitions", "held", "leases", "slots", "other");
        System.out.println("-".repeat(120));
        for (Map<String, Object> f : faults) {
            System.out.printf("%-34s %7s %7s %8s %9s %11s %6s %9s %9s %9s%n", f.get("target"), f.get("contactsCalledBefore"),
                    s(f.get("secondsUntilBack")), s(f.get("secondsUntilCallPlaced")), s(f.get("secondsUntilProgress")),
                    s(f.get("secondsUntilPartitionsReassigned")), s(f.get("callsHeld")), s(f.get("secondsUntilLeasesExpired")),
                    s(f.get("secondsUntilSlotsFree")), s(f.get("secondsUntilOtherDialerCalls")));
        }
        System.out.println("""
                back: the process ready again (the dialer holding calls is started again only once its slots are \
                free); placed: the first call placed after the kill; progress: the first such call settled (the \
                recovery time); partitions: the killed members' partitions assigned to live ones; held: the killed \
                dialer's calls given up at their lease; leases: the last of them given up; slots: the last of them \
                settled, its slot free; other: the first call another dialer initiated""");
        System.out.println();
    }

    private static String s(Object value) {
        return value == null ? "-" : value.toString();
    }

    private void rows(Map<String, Object> f, int heldCalls) {
        Object takeover = f.get("secondsUntilPartitionsReassigned");
        String measured = String.format("progress %s s, back %s s%s", s(f.get("secondsUntilProgress")), s(f.get("secondsUntilBack")),
                f.containsKey("consumerGroup") ? ", partitions " + s(takeover) + " s" : "");
        boolean hasGroup = f.containsKey("consumerGroup");
        bench.row("fault: " + f.get("target"), measured, hasGroup ? "partitions ≤ " + (int) TARGET_TAKEOVER_SECONDS + " s" : "",
                !hasGroup || (takeover instanceof Double t && t <= TARGET_TAKEOVER_SECONDS));
        if (f.containsKey("callsInProgressAtKill")) {
            int held = (Integer) f.get("callsHeld");
            Object slots = f.get("secondsUntilSlotsFree");
            double limit = LEASE.toSeconds() + SLOTS_MARGIN_SECONDS;
            bench.row("  killed holding " + held + " calls: slots free", s(slots) + " s (leases ran out "
                    + s(f.get("secondsUntilLeasesExpired")) + " s)", "≥ " + heldCalls + " held, ≤ " + (int) limit + " s",
                    held >= heldCalls && slots instanceof Double d && d <= limit);
            bench.row("  its commands read by another dialer", s(f.get("secondsUntilOtherDialerCalls")) + " s", "", true);
        }
    }
}
