package io.outdial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.outdial.testsupport.ServiceProcess;

/**
 * Warm-up rounds until the services' JIT compilers have little left to do: a service measured
 * while its C2 compiler thread still takes a sizeable share of its core is not the service that
 * runs for days. The compilers' CPU is read from {@code /proc/<pid>/task/<tid>/stat} of the
 * threads HotSpot names {@code C1 CompilerThread…} and {@code C2 CompilerThread…}.
 */
final class JitWarmUp {

    /** One round of load; returns the campaigns it ran, for the checker. */
    interface Round {
        List<String> run() throws Exception;
    }

    /** What the rounds did: how many, how long, the compilers' share of a core in each service over the last one. */
    record Done(List<String> campaigns, int rounds, double seconds, Map<String, Double> lastRoundCores, boolean settled) {

        Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rounds", rounds);
            out.put("seconds", Bench.round(seconds));
            out.put("settled", settled);
            Map<String, Object> cores = new LinkedHashMap<>();
            lastRoundCores.forEach((service, share) -> cores.put(service, Math.round(share * 1000) / 1000.0));
            out.put("jitCoresLastRound", cores);
            return out;
        }
    }

    /** Each service's current pid, by name (a restarted service has a new one). */
    private final Map<String, LongSupplier> services = new LinkedHashMap<>();
    private final double settledCores;
    private final int maxRounds;

    /**
     * @param settledCores the mean share of a core each service's compilers may take over a round
     *        for the services to count as warm
     */
    JitWarmUp(List<ServiceProcess> services, double settledCores, int maxRounds) {
        this(settledCores, maxRounds);
        services.forEach(service -> this.services.put(service.name(), service::pid));
    }

    JitWarmUp(Map<String, LongSupplier> services, double settledCores, int maxRounds) {
        this(settledCores, maxRounds);
        this.services.putAll(services);
    }

    private JitWarmUp(double settledCores, int maxRounds) {
        this.settledCores = settledCores;
        this.maxRounds = maxRounds;
    }

    /** Runs {@code round} until a round's compiling falls to the settled share, or {@code maxRounds} ran. */
    Done run(String what, Round round) throws Exception {
        List<String> campaigns = new ArrayList<>();
        long started = System.nanoTime();
        Map<String, Double> cores = Map.of();
        for (int i = 1; i <= maxRounds; i++) {
            Map<String, Long> before = compilerTicks();
            long from = System.nanoTime();
            campaigns.addAll(round.run());
            double seconds = (System.nanoTime() - from) / 1e9;
            Map<String, Long> after = compilerTicks();
            cores = new LinkedHashMap<>();
            double total = 0;
            for (var entry : after.entrySet()) {
                double share = Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L)) / ProcessSampler.TICKS_PER_SECOND / seconds;
                cores.put(entry.getKey(), share);
                total += share;
            }
            double mean = cores.isEmpty() ? 0 : total / cores.size();
            Bench.log(String.format("%s round %d (%.0f s): JIT compilers %.3f of a core a service on average (%s)", what, i,
                    seconds, mean, String.join(", ", cores.entrySet().stream()
                            .map(e -> String.format("%s %.3f", e.getKey(), e.getValue())).toList())));
            if (mean <= settledCores) {
                return new Done(campaigns, i, (System.nanoTime() - started) / 1e9, cores, true);
            }
        }
        Bench.log(what + ": the JIT compilers had not settled after " + maxRounds + " rounds; measuring anyway");
        return new Done(campaigns, maxRounds, (System.nanoTime() - started) / 1e9, cores, false);
    }

    /** CPU ticks so far of each service's compiler threads (those alive now). */
    private Map<String, Long> compilerTicks() {
        Map<String, Long> out = new LinkedHashMap<>();
        services.forEach((name, pid) -> out.put(name, compilerTicks(pid.getAsLong())));
        return out;
    }

    /** CPU ticks so far of the compiler threads alive in {@code pid}; 0 when it is gone. */
    static long compilerTicks(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields = ProcessSampler.statFields(stat);
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException threadGone) {
                    // a thread that ended between the listing and the read
                }
            }
        } catch (IOException processGone) {
            return 0;
        }
        return ticks;
    }
}
