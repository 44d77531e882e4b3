package io.outdial.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outdial.testsupport.CallLedger;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * Dispatch latency at a steady offered load of half the measured maximum, after the throughput
 * run: the dialers are restarted with simulated calls that are all answered at once and last D
 * seconds on average, and the throughput campaigns' shape (campaigns × cap = C slots) runs again.
 * Slots held D seconds each offer C / D calls a second, so D = C / (R / 2) for the measured maximum
 * R. Call lengths are spread evenly over 0.5 D to 1.5 D: calls of one length would free their slots
 * in the bursts they were taken in, and the load would come in waves of the full rate. The contacts
 * last {@code half-load-seconds} (40) of steady state at that rate.
 *
 * <p>Dispatch latency is taken over the steady window only ({@link SteadyWindow}): not while the
 * first calls of every slot may still be in progress, nor once a campaign has run out of contacts.
 */
final class HalfLoad {

    private final Bench bench;
    private final Options options;
    private final TestInfrastructure infra;
    private final SystemStack stack;
    private final CampaignApi api;

    HalfLoad(Bench bench, Options options, TestInfrastructure infra, SystemStack stack, CampaignApi api) {
        this.bench = bench;
        this.options = options;
        this.infra = infra;
        this.stack = stack;
        this.api = api;
    }

    /** Runs the phase at half of {@code maxRate} attempts/s; returns its campaigns, for the checker. */
    List<String> run(double maxRate, List<String> callerIds) throws Exception {
        if (!(maxRate > 0)) {
            bench.row("dispatch latency p99 at half load", "not measured: no maximum rate", "≤ " + (int) Bench.TARGET_DISPATCH_P99_MS
                    + " ms", false);
            return List.of();
        }
        Bench.Shape throughput = bench.shape();
        int slots = throughput.campaigns() * throughput.cap();
        double callSeconds = Math.max(0.1, Bench.round(slots / (maxRate / 2)));
        double offered = slots / callSeconds;
        int steadySeconds = options.integer("half-load-seconds", 40);
        // The first calls fill every slot at once and may last 1.5 D; the steady window starts after them.
        int contacts = (int) Math.ceil((1.5 * slots + offered * steadySeconds) / throughput.campaigns());
        Bench.Shape shape = new Bench.Shape(throughput.campaigns(), contacts, throughput.cap());
        Bench.log(String.format("half load: %.0f attempts/s offered (half of %.0f): %d slots, calls of %.1f s ...",
                offered, maxRate, slots, callSeconds));
        restartDialers(callSeconds);
        // The restarted dialers compile their paths again: shorter rounds of this load until they are warm.
        int warmUpSeconds = options.integer("half-load-warm-up-seconds", 15);
        JitWarmUp.Done warmUp = null;
        if (warmUpSeconds > 0) {
            int warmUpContacts = (int) Math.ceil((1.5 * slots + offered * warmUpSeconds) / throughput.campaigns());
            Bench.Shape round = new Bench.Shape(throughput.campaigns(), warmUpContacts, throughput.cap());
            warmUp = bench.warmUp(stack.dialers).run("half-load warm-up",
                    () -> bench.runCampaigns(api, callerIds, round, "bench half-load warm-up", Map.of()).ids());
        }
        Bench.Campaigns campaigns = bench.runCampaigns(api, callerIds, shape, "bench half load", Map.of());
        Map<String, List<CallLedger.Call>> attempts = Bench.attempts(infra, campaigns.ids());

        SteadyWindow window = SteadyWindow.of(attempts.values(), Duration.ofMillis(Math.round(callSeconds * 1500)));
        Bench.Percentiles dispatch = Bench.Percentiles.dispatch(attempts.values(), window.from(), window.to());
        Hops hops = Hops.of(new EventTopics(infra.kafkaBootstrapServers()), java.util.Set.copyOf(campaigns.ids()),
                window.from(), window.to());
        long placed = window.placed(attempts.values());
        double achieved = window.seconds() > 0 ? placed / window.seconds() : Double.NaN;
        // How even the load was: calls placed in each whole second of the window.
        int[] perSecond = window.placedPerWholeSecond(attempts.values());
        int fewest = Arrays.stream(perSecond).min().orElse(0);
        int most = Arrays.stream(perSecond).max().orElse(0);
        Bench.log(String.format("half load: steady window %s → %s (%.1f s), %d calls placed in it, %d to %d a second",
                window.from(), window.to(), window.seconds(), placed, fewest, most));

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("maxAttemptsPerSecond", Bench.round(maxRate));
        run.put("offeredAttemptsPerSecond", Bench.round(offered));
        run.put("callSeconds", callSeconds);
        run.put("campaigns", shape.campaigns());
        run.put("contactsPerCampaign", shape.contacts());
        run.put("maxConcurrentCalls", shape.cap());
        run.put("dialers", stack.dialers.size());
        run.put("setupSeconds", Bench.round(campaigns.setupSeconds()));
        run.put("attempts", attempts.values().stream().mapToInt(List::size).sum());
        run.put("steadyWindow", Map.of("from", window.from().toString(), "to", window.to().toString(),
                "seconds", Bench.round(window.seconds())));
        run.put("achievedAttemptsPerSecond", Bench.round(achieved));
        run.put("initiationsPerSecond", Map.of("fewest", fewest, "most", most));
        run.put("dispatchLatencyMs", dispatch.toMap());
        run.put("dispatchHopsMs", hops.toMap());
        if (warmUp != null) {
            run.put("warmUp", warmUp.toMap());
        }
        bench.result("halfLoad", run);
        if (warmUp != null) {
            bench.row("half load: warm-up of the restarted dialers", Bench.warmUpSummary(warmUp), "", true);
        }
        bench.row("half load: offered / achieved", String.format("%.0f / %.0f /s (D %.1f s, %.0f s steady)",
                offered, achieved, callSeconds, window.seconds()), "", true);
        bench.dispatchRows("at half load", dispatch);
        bench.row("dispatch hops at half load, p50 / p99 ms", hops.summary(), "", true);
        bench.databaseWaitRows("at half load", "halfLoad", window.from(), window.to());
        bench.cpuRows("at half load", "halfLoad", window.from(), window.to(), placed);
        bench.statementRows("over the half-load run", "halfLoad", campaigns, attempts.values().stream().mapToInt(List::size).sum());
        List<String> checked = new ArrayList<>(warmUp == null ? List.of() : warmUp.campaigns());
        checked.addAll(campaigns.ids());
        return checked;
    }

    /**
     * Every call answered at once and lasting {@code callSeconds} on average, in real time: the
     * simulated provider's outcome weights (any scale, so 1 and 0s) and ring and talk ranges.
     */
    private void restartDialers(double callSeconds) throws Exception {
        String talk = Bench.round(callSeconds / 2) + "," + Bench.round(callSeconds * 1.5);
        Map<String, String> fixedLength = Map.of("SIM_TIME_SCALE", "1",
                "OUTDIAL_TELEPHONY_SIMULATED_ANSWERED", "1",
                "OUTDIAL_TELEPHONY_SIMULATED_NO_ANSWER", "0",
                "OUTDIAL_TELEPHONY_SIMULATED_BUSY", "0",
                "OUTDIAL_TELEPHONY_SIMULATED_VOICEMAIL", "0",
                "OUTDIAL_TELEPHONY_SIMULATED_ERROR", "0",
                "OUTDIAL_TELEPHONY_SIMULATED_RING_SECONDS", "0,0",
                "OUTDIAL_TELEPHONY_SIMULATED_TALK_SECONDS", talk);
        Bench.log("restarting the dialers with calls of " + callSeconds + " s ...");
        for (ServiceProcess dialer : stack.dialers) {
            dialer.close();
        }
        for (ServiceProcess dialer : stack.dialers) {
            dialer.restart(fixedLength);
        }
        for (ServiceProcess dialer : stack.dialers) {
            dialer.awaitReady(Duration.ofMinutes(2));
        }
        // A dialer joining its group late would stop every dialer's commands for a rebalance mid-window.
        try (GroupWatch groups = new GroupWatch(infra.kafkaBootstrapServers())) {
            if (!groups.awaitStable("dialer-service", stack.dialers.size(), Duration.ofMinutes(1))) {
                Bench.log("the dialers' consumer group was not stable within a minute; running anyway");
            }
        }
    }

    /**
     * The steady part of the phase: from the longest call after its first {@code CallInitiated} (every
     * slot filled at once, some of those calls not over yet) to the last {@code CallInitiated} of the campaign that ran
     * out of contacts first (after it, fewer slots are in use).
     */
    record SteadyWindow(Instant from, Instant to) {

        static SteadyWindow of(Collection<List<CallLedger.Call>> campaigns, Duration callLength) {
            Instant first = Instant.MAX;
            Instant firstRunOut = Instant.MAX;
            for (List<CallLedger.Call> calls : campaigns) {
                Instant last = Instant.MIN;
                for (CallLedger.Call c : calls) {
                    first = c.initiatedAt.isBefore(first) ? c.initiatedAt : first;
                    last = c.initiatedAt.isAfter(last) ? c.initiatedAt : last;
                }
                firstRunOut = last.isBefore(firstRunOut) ? last : firstRunOut;
            }
            if (first.equals(Instant.MAX)) {
                return new SteadyWindow(Instant.EPOCH, Instant.EPOCH);
            }
            return new SteadyWindow(first.plus(callLength), firstRunOut);
        }

        double seconds() {
            return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
        }

        boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }

        /** Calls placed in the window. */
        long placed(Collection<List<CallLedger.Call>> campaigns) {
            return campaigns.stream().flatMap(List::stream).filter(c -> contains(c.initiatedAt)).count();
        }

        /** Calls placed in each whole second of the window (a last part-second left out). */
        int[] placedPerWholeSecond(Collection<List<CallLedger.Call>> campaigns) {
            int[] counts = new int[(int) seconds()];
            for (List<CallLedger.Call> calls : campaigns) {
                for (CallLedger.Call c : calls) {
                    long second = Duration.between(from, c.initiatedAt).toSeconds();
                    if (contains(c.initiatedAt) && second < counts.length) {
                        counts[(int) second]++;
                    }
                }
            }
            return counts;
        }
    }
}
