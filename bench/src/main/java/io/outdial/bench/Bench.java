package io.outdial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.outdial.contract.Topics;
import io.outdial.testsupport.CallLedger;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.Sipp;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * Measures the whole system on this machine in one run and prints a table beside the targets,
 * writing the same figures as JSON. Starts its own Kafka broker process, PostgreSQL and services
 * (data in a fresh temporary directory). Options ({@code --name=value}):
 * <ul>
 * <li>{@code campaigns} (4), {@code contacts} per campaign (5000), {@code cap} maxConcurrentCalls (250),
 * {@code dialers} (2): the throughput run, zero-length simulated calls, no retries, after rounds of
 * as many campaigns of {@code warm-up-contacts} (2500; 0 for none) each, not measured, until over a
 * round the services' JIT compilers took at most {@code warm-up-jit} (0.05) of a core a service on
 * average, or {@code warm-up-rounds} (12) ran ({@link JitWarmUp});</li>
 * <li>{@code pause-contacts} (3000): the campaign paused mid-run;</li>
 * <li>{@code half-load} (true): then dispatch latency at a steady offered load of half the measured
 * attempts/s, for {@code half-load-seconds} (40) of steady state, after warm-up rounds of
 * {@code half-load-warm-up-seconds} (15; 0 for none) for the restarted dialers ({@link HalfLoad});</li>
 * <li>{@code api-reads} (true): then API read latency with {@code read-campaigns} (10000) campaigns in the team,
 * at {@code read-rate} (500) requests/s for {@code read-seconds} (20) ({@link ApiReads});
 * {@code throughput} false skips everything before them;</li>
 * <li>{@code faults}: instead, the fault-injection run ({@link FaultRun});</li>
 * <li>{@code scale}: instead, a million contacts imported into one campaign and dialed to completion,
 * beside COPY of the same rows ({@link ScaleRun});</li>
 * <li>{@code sip}: instead, the throughput run over real SIP against a SIPp trunk, no pause run, 1000
 * contacts per campaign by default, {@code sip-cps} (1000) a dialer; its baseline is SIPp calling the
 * same trunk ({@code sipp-calls} 10000, {@code sipp-concurrent} campaigns × cap, {@code sipp-seconds} 60)
 * instead of the raw Kafka and PostgreSQL figures ({@link SipRun});</li>
 * <li>{@code out} (bench/target/bench-result.json).</li>
 * </ul>
 */
public final class Bench {

    /** The stack's databases are named after it ({@code bench_campaign}, ...). */
    static final String STACK_PREFIX = "bench";

    static final double TARGET_ATTEMPTS_PER_SECOND = 2000;
    static final double TARGET_DISPATCH_P99_MS = 50;
    static final double TARGET_PAUSE_MS = 500;
    static final long TARGET_HEAP_BYTES = 512L * 1024 * 1024;

    private final Options options;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    /** What the database's connections did, sampled through the run (null before the services start). */
    private DatabaseWaits databaseWaits;
    /** The processes' memory and CPU, sampled through the run (null before the services start). */
    private ProcessSampler processes;
    /** PostgreSQL's time by statement, when the server keeps it (null otherwise). */
    private StatementStats statements;
    private static final String POSTGRESQL = "postgresql";
    private static final String BENCH = "bench";

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        boolean passed = new Bench(options).run();
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path root = Path.of(System.getProperty("outdial.repo.root", ".."));
        Path data = Files.createTempDirectory("outdial-bench");
        Path logs = root.resolve("bench/target/logs");
        System.setProperty("outdial.logs.dir", logs.toString());
        Instant started = Instant.now();
        log("data in " + data + ", service logs in " + logs);
        boolean faults = options.flag("faults");
        // The fault run kills PostgreSQL: its commits must outlive that, as on a server with default settings.
        TestInfrastructure infra = TestInfrastructure.persistent(data, faults);
        SystemStack stack = null;
        Sipp trunk = null;
        try {
            results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "java", System.getProperty("java.version"), "partitions", TestInfrastructure.TEST_PARTITIONS));
            boolean scale = options.flag("scale");
            boolean sip = options.flag("sip");
            if (sip && (faults || scale)) {
                throw new IllegalArgumentException("--sip is a run of its own, not one of --faults or --scale");
            }
            double kafkaRate = 0;
            double pgRate = 0;
            Baselines.SippCalls sippCalls = null;
            boolean baselines = !options.flag("no-baselines");
            if (baselines && sip) {
                Shape shape = shape();
                log("baseline: SIPp calling a SIPp trunk ...");
                sippCalls = Baselines.sippCalls(options.integer("sipp-calls", 10_000),
                        options.integer("sipp-concurrent", shape.campaigns() * shape.cap()),
                        Duration.ofSeconds(options.integer("sipp-seconds", 60)));
                results.put("baselines", sippCalls.toMap());
            } else if (baselines) {
                log("baseline: Kafka produce+consume ...");
                kafkaRate = Baselines.kafkaProduceConsume(infra.kafkaBootstrapServers(), options.integer("kafka-records", 300_000));
                log("baseline: PostgreSQL single-row updates ...");
                pgRate = Baselines.postgresUpdates(infra, options.integer("pg-clients", 4), options.integer("pg-seconds", 10));
                results.put("baselines", Map.of("kafkaRecordsPerSecond", round(kafkaRate), "postgresUpdatesPerSecond", round(pgRate)));
            }
            // The fault run's calls (up to 6 s) last long enough for a dialer to hold 50 at once.
            Map<String, String> dialerEnv = new HashMap<>(Map.of("SIM_TIME_SCALE",
                    options.get("time-scale", faults ? "0.03" : "0")));
            if (sip) {
                trunk = SipRun.trunk();
                dialerEnv.putAll(SipRun.dialerEnv(options, trunk));
            }
            log("starting the services ...");
            stack = new SystemStack(options.integer("dialers", 2), dialerEnv, Map.of(), 0, STACK_PREFIX);
            CampaignApi api = new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT);
            List<ProcessSampler.Target> targets = new ArrayList<>();
            for (ServiceProcess service : stack.services()) {
                targets.add(new ProcessSampler.Target(service.name(), service::pid, service.managementUrl() + "/q/metrics"));
            }
            infra.kafkaProcess().ifPresent(kafka -> targets.add(new ProcessSampler.Target("kafka-broker", kafka::pid, null)));
            // For their CPU only: the database with its backends, and this JVM (load generator, watchers, checker).
            infra.postgresProcess().ifPresent(pg -> targets.add(new ProcessSampler.Target(POSTGRESQL, pg::pid, null, true)));
            long self = ProcessHandle.current().pid();
            targets.add(new ProcessSampler.Target(BENCH, () -> self, null));
            boolean passed;
            try (ProcessSampler sampler = new ProcessSampler(targets);
                    LagSampler lags = new LagSampler(infra.kafkaBootstrapServers());
                    DatabaseWaits waits = new DatabaseWaits(infra.database(STACK_PREFIX + "_campaign"))) {
                databaseWaits = waits;
                processes = sampler;
                statements = StatementStats.open(infra.database(STACK_PREFIX + "_campaign"));
                if (faults) {
                    passed = new FaultRun(this, options, infra, stack, api).run();
                } else if (scale) {
                    passed = new ScaleRun(this, options, infra, api).run();
                } else if (sip) {
                    passed = new SipRun(this, options, infra, stack, api, sippCalls).run();
                } else {
                    passed = throughput(infra, stack, api, kafkaRate, pgRate);
                }
                sampler.close();
                lags.close();
                memory(sampler.peaks());
                results.put("consumerLag", lags.summary());
                lags.summary().forEach((group, lag) -> row("consumer lag " + group + " (peak / mean)",
                        lag.get("peakLag") + " / " + lag.get("meanLag") + " records", "", true));
            }
            results.put("durationSeconds", round(Duration.between(started, Instant.now()).toMillis() / 1000.0));
            print();
            write(Path.of(options.get("out", root.resolve("bench/target/bench-result.json").toString())));
            return passed;
        } finally {
            if (stack != null) {
                stack.close();
            }
            if (trunk != null) {
                trunk.close();
            }
            infra.stop();
            deleteTree(data);
        }
    }

    private boolean throughput(TestInfrastructure infra, SystemStack stack, CampaignApi api, double kafkaRate, double pgRate)
            throws Exception {
        List<String> callerIds = api.callerIds();
        if (!Boolean.parseBoolean(options.get("throughput", "true"))) {
            apiReads(infra, stack, api, callerIds);
            return true;
        }
        // Rounds of campaigns of the same shape first, not measured, until the services' JIT
        // compilers have little left to do: after one round (10,000 calls) C2 still took about 0.15
        // of a core in every service, and with it settled the same campaigns ran 1.5 to 2.2 times as fast.
        List<String> warmUp = List.of();
        int warmUpContacts = options.integer("warm-up-contacts", 2500);
        if (warmUpContacts > 0) {
            Shape shape = shape();
            Shape round = new Shape(shape.campaigns(), warmUpContacts, shape.cap());
            JitWarmUp.Done done = warmUp(stack.services()).run("warm-up",
                    () -> runCampaigns(api, callerIds, round, "bench warm-up", Map.of()).ids());
            warmUp = done.campaigns();
            results.put("warmUpContactsPerCampaign", warmUpContacts);
            results.put("warmUp", done.toMap());
            row("warm-up before the throughput run", warmUpSummary(done), "", true);
            log("warm-up campaigns completed; throughput campaigns ...");
        }
        Campaigns campaigns = runCampaigns(api, callerIds, Map.of());
        log("throughput campaigns completed; pause run ...");
        String paused = pauseRun(api, callerIds, campaigns.shape().cap());
        double rate = attemptsAndDispatch(infra, stack, campaigns, "throughput", Map.of());
        List<String> checked = new ArrayList<>(warmUp);
        checked.addAll(campaigns.ids());
        checked.add(paused);
        // After the figures above are read: it restarts the dialers with calls that last.
        if (Boolean.parseBoolean(options.get("half-load", "true"))) {
            checked.addAll(new HalfLoad(this, options, infra, stack, api).run(rate, callerIds));
        }
        if (kafkaRate > 0) {
            row("Kafka produce+consume (raw)", String.format("%.0f records/s", kafkaRate), "", true);
            row("PostgreSQL 1-row update tx (raw)", String.format("%.0f tx/s", pgRate), "", true);
            row("ours / Kafka raw", String.format("%.4f", rate / kafkaRate), "", true);
            row("ours / PostgreSQL raw", String.format("%.4f", rate / pgRate), "", true);
            results.put("ratios", Map.of("attemptsPerKafkaRecord", round4(rate / kafkaRate),
                    "attemptsPerPostgresUpdate", round4(rate / pgRate)));
        }
        row("1M contacts in one campaign, dialed to completion", "not in this run: --scale", "", true);
        boolean passed = checker(infra, api, checked);
        // After the checker, so that its reads do not load the API while this measures it.
        apiReads(infra, stack, api, callerIds);
        return passed;
    }

    /** Warm-up rounds over {@code services}: {@code --warm-up-jit} (0.05 of a core a service) and {@code --warm-up-rounds} (12). */
    JitWarmUp warmUp(List<ServiceProcess> services) {
        return new JitWarmUp(services, Double.parseDouble(options.get("warm-up-jit", "0.05")),
                options.integer("warm-up-rounds", 12));
    }

    static String warmUpSummary(JitWarmUp.Done done) {
        return String.format("%d rounds, %.0f s; JIT compilers %s over the last", done.rounds(), done.seconds(),
                String.join(", ", done.lastRoundCores().entrySet().stream()
                        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).toList()))
                + (done.settled() ? "" : " (not settled)");
    }

    private void apiReads(TestInfrastructure infra, SystemStack stack, CampaignApi api, List<String> callerIds) throws Exception {
        if (!Boolean.parseBoolean(options.get("api-reads", "true"))) {
            return;
        }
        try {
            new ApiReads(this, options, api, infra.database(STACK_PREFIX + "_campaign"), stack.campaign.url(), SystemStack.DEV_KEY,
                    options.integer("warm-up-contacts", 2500) > 0 ? warmUp(List.of(stack.campaign)) : null)
                    .run(callerIds);
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (Exception failed) {
            log("API reads not measured: " + failed);
            row("API reads", "not measured: " + failed.getMessage(), "≤ " + (int) ApiReads.TARGET_P99_MS + " ms", false);
        }
    }

    /** The throughput campaigns: {@code campaigns} of {@code contacts} contacts each, {@code cap} calls at once, no retries. */
    record Shape(int campaigns, int contacts, int cap) {
    }

    /** Throughput campaigns created, run and completed; {@code setupSeconds} is the time to create them. */
    record Campaigns(Shape shape, List<String> ids, double setupSeconds, List<StatementStats.Spent> databaseTime) {
    }

    Shape shape() {
        return new Shape(options.integer("campaigns", 4), options.integer("contacts", options.flag("sip") ? 1000 : 5000),
                options.integer("cap", 250));
    }

    /**
     * Creates the throughput campaigns (with further campaign {@code fields}), runs them all at once
     * and waits (bounded) until every one completed.
     */
    Campaigns runCampaigns(CampaignApi api, List<String> callerIds, Map<String, Object> fields) throws Exception {
        return runCampaigns(api, callerIds, shape(), "bench", fields);
    }

    /** As above, in another {@code shape}, the campaigns named {@code name} and a number. */
    Campaigns runCampaigns(CampaignApi api, List<String> callerIds, Shape shape, String name, Map<String, Object> fields)
            throws Exception {
        log("creating " + shape.campaigns() + " campaigns of " + shape.contacts() + " contacts ...");
        long setup = System.nanoTime();
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < shape.campaigns(); i++) {
            String tag = "c" + i + "x" + Long.toString(System.nanoTime(), 36);
            campaigns.add(api.campaign(name + " " + i, callerIds, api.contacts(tag, shape.contacts()), shape.cap(), 0, fields));
        }
        double setupSeconds = (System.nanoTime() - setup) / 1e9;
        log(String.format("created in %.1f s; running ...", setupSeconds));
        Map<String, StatementStats.Stat> before = statements == null ? Map.of() : statements.snapshot();
        for (String campaign : campaigns) {
            api.run(campaign);
        }
        for (String campaign : campaigns) {
            api.awaitCompleted(campaign, Duration.ofMinutes(15));
        }
        List<StatementStats.Spent> databaseTime = statements == null ? List.of()
                : StatementStats.between(before, statements.snapshot());
        return new Campaigns(shape, campaigns, setupSeconds, databaseTime);
    }

    /**
     * Attempts/s and dispatch latency of completed campaigns, from their call events on Kafka: rows in
     * the table and, with {@code settings} first, the figures under {@code key} in the JSON. Returns attempts/s.
     */
    double attemptsAndDispatch(TestInfrastructure infra, SystemStack stack, Campaigns campaigns, String key,
            Map<String, Object> settings) throws Exception {
        Map<String, List<CallLedger.Call>> byCampaign = attempts(infra, campaigns.ids());
        Instant first = null;
        Instant last = null;
        long attempts = 0;
        for (List<CallLedger.Call> calls : byCampaign.values()) {
            attempts += calls.size();
            for (CallLedger.Call c : calls) {
                first = first == null || c.initiatedAt.isBefore(first) ? c.initiatedAt : first;
                last = last == null || c.endedAt.isAfter(last) ? c.endedAt : last;
            }
        }
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        double rate = attempts / seconds;
        Percentiles dispatch = Percentiles.dispatch(byCampaign.values(), Instant.MIN, Instant.MAX);
        Hops hops = Hops.of(new EventTopics(infra.kafkaBootstrapServers()), campaigns.ids());
        Map<String, Object> run = new LinkedHashMap<>(settings);
        run.put("campaigns", campaigns.shape().campaigns());
        run.put("contactsPerCampaign", campaigns.shape().contacts());
        run.put("maxConcurrentCalls", campaigns.shape().cap());
        run.put("dialers", stack.dialers.size());
        run.put("setupSeconds", round(campaigns.setupSeconds()));
        run.put("attempts", attempts);
        run.put("seconds", round(seconds));
        run.put("attemptsPerSecond", round(rate));
        run.put("dispatchLatencyMs", dispatch.toMap());
        run.put("dispatchHopsMs", hops.toMap());
        results.put(key, run);
        row("call attempts/s end to end", String.format("%.0f (%d attempts in %.1f s)", rate, attempts, seconds),
                "≥ " + (int) TARGET_ATTEMPTS_PER_SECOND, rate >= TARGET_ATTEMPTS_PER_SECOND);
        dispatchRows("at saturation", dispatch);
        row("dispatch hops at saturation, p50 / p99 ms", hops.summary(), "", true);
        databaseWaitRows("at saturation", key, first, last);
        cpuRows("at saturation", key, first, last, attempts);
        statementRows("at saturation", key, campaigns, attempts);
        return rate;
    }

    /**
     * PostgreSQL's execution time over the campaigns' run (from their start to their completion),
     * per attempt, and the statements that took most of it: rows, and figures under
     * {@code databaseTime.<key>}.
     */
    void statementRows(String when, String key, Campaigns campaigns, long attempts) {
        List<StatementStats.Spent> spent = campaigns.databaseTime();
        if (spent.isEmpty() || attempts == 0) {
            return;
        }
        double allMs = spent.stream().mapToDouble(StatementStats.Spent::totalMs).sum();
        long calls = spent.stream().mapToLong(StatementStats.Spent::calls).sum();
        row("PostgreSQL statements " + when, String.format("%.2f ms and %.1f statements an attempt", allMs / attempts,
                (double) calls / attempts), "", true);
        row("PostgreSQL's time " + when + ", by statement", String.join("; ",
                spent.stream().limit(4).map(s -> s.describe(allMs, attempts)).toList()), "", true);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("attempts", attempts);
        figures.put("totalMs", round(allMs));
        figures.put("statements", calls);
        figures.put("top", spent.stream().limit(15).map(StatementStats.Spent::toMap).toList());
        // The most frequent statements: a per-batch cost shows here before it shows in time.
        figures.put("mostCalled", spent.stream().sorted(Comparator.comparingLong(StatementStats.Spent::calls).reversed())
                .limit(15).map(StatementStats.Spent::toMap).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) results.computeIfAbsent("databaseTime", k -> new LinkedHashMap<>());
        all.put(key, figures);
    }

    /**
     * Each process's mean share of a core over the window, and the CPU the whole machine's
     * processes spent per attempt in it: rows in the table, figures under {@code cpuCores.<key>}.
     */
    void cpuRows(String when, String key, Instant from, Instant to, long attempts) {
        if (processes == null) {
            return;
        }
        Map<String, Double> cores = processes.coresBetween(from, to);
        if (cores.isEmpty()) {
            return;
        }
        double total = cores.values().stream().mapToDouble(Double::doubleValue).sum();
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        StringBuilder shares = new StringBuilder();
        cores.forEach((name, share) -> shares.append(shares.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format("%.2f", share)));
        row("CPU " + when + ", cores", String.format("%s; total %.2f of %d", shares, total,
                Runtime.getRuntime().availableProcessors()), "", true);
        Map<String, Object> figures = new LinkedHashMap<>();
        cores.forEach((name, share) -> figures.put(name, round4(share)));
        figures.put("total", round4(total));
        if (attempts > 0 && seconds > 0) {
            double perAttempt = total * seconds * 1000 / attempts;
            row("CPU per call attempt " + when, String.format("%.2f ms (all processes above)", perAttempt), "", true);
            figures.put("cpuMsPerAttempt", round(perAttempt));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cpu = (Map<String, Object>) results.computeIfAbsent("cpuCores", k -> new LinkedHashMap<>());
        cpu.put(key, figures);
    }

    /** Where the database's connections spent the window: rows in the table, figures under {@code databaseWaits.<key>}. */
    void databaseWaitRows(String when, String key, Instant from, Instant to) {
        if (databaseWaits == null) {
            return;
        }
        DatabaseWaits.Summary summary = databaseWaits.summary(from, to);
        if (summary.samples() == 0) {
            return;
        }
        row("database connections " + when, summary.states() + " running / waiting for a lock / idle in a transaction", "", true);
        if (!summary.lockWaits().isEmpty()) {
            row("lock waits " + when + ", by statement", DatabaseWaits.Summary.top(summary.lockWaits(), 2), "", true);
        }
        if (!summary.idleAfter().isEmpty()) {
            row("idle in a transaction " + when + ", after", DatabaseWaits.Summary.top(summary.idleAfter(), 3), "", true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> waits = (Map<String, Object>) results.computeIfAbsent("databaseWaits", k -> new LinkedHashMap<>());
        waits.put(key, summary.toMap());
    }

    /** Each campaign's attempts, from every call event on Kafka now. */
    static Map<String, List<CallLedger.Call>> attempts(TestInfrastructure infra, List<String> campaignIds) throws Exception {
        EventTopics topics = new EventTopics(infra.kafkaBootstrapServers());
        List<ConsumerRecord<String, String>> events = topics.readToEnd(Topics.CALL_EVENTS, Duration.ofMinutes(2));
        Map<String, List<CallLedger.Call>> byCampaign = new LinkedHashMap<>();
        for (String campaign : campaignIds) {
            byCampaign.put(campaign, new CallLedger(events, campaign).attempts());
        }
        return byCampaign;
    }

    /** The p50 and p99 of {@code samples} figures, in milliseconds. */
    record Percentiles(double p50, double p99, int samples) {

        static Percentiles of(List<Double> values) {
            return new Percentiles(percentile(values, 50), percentile(values, 99), values.size());
        }

        /** Dispatch latency over the calls of each campaign that ended from {@code endedFrom} to {@code endedTo} (inclusive). */
        static Percentiles dispatch(Collection<List<CallLedger.Call>> campaigns, Instant endedFrom, Instant endedTo) {
            List<Double> latencies = new ArrayList<>();
            for (List<CallLedger.Call> calls : campaigns) {
                latencies.addAll(dispatchLatencies(calls, endedFrom, endedTo));
            }
            return of(latencies);
        }

        String summary() {
            return String.format("%.1f / %.1f", p50, p99);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("p50", round(p50));
            map.put("p99", round(p99));
            map.put("samples", samples);
            return map;
        }
    }

    /** The p50 and p99 rows of dispatch latency under {@code load} ("at saturation", ...). */
    void dispatchRows(String load, Percentiles dispatch) {
        row("dispatch latency p50 " + load, String.format("%.1f ms", dispatch.p50()), "", true);
        row("dispatch latency p99 " + load, String.format("%.1f ms (%d calls ended)", dispatch.p99(), dispatch.samples()),
                "≤ " + (int) TARGET_DISPATCH_P99_MS + " ms", dispatch.p99() <= TARGET_DISPATCH_P99_MS);
    }

    /** A campaign paused while it runs; the time from the pause's answer to its last call placed. */
    private String pauseRun(CampaignApi api, List<String> callerIds, int cap) throws Exception {
        int contacts = options.integer("pause-contacts", 3000);
        String campaign = api.campaign("bench pause", callerIds,
                api.contacts("p" + Long.toString(System.nanoTime(), 36), contacts), cap, 0);
        api.run(campaign);
        // A second in: the API's counters trail by up to a second, so time is the surer trigger.
        Thread.sleep(1000);
        try {
            api.post("/api/crm/campaigns/" + campaign + "/pause", null);
        } catch (IllegalStateException completedFirst) {
            log("the pause campaign completed before the pause; run with more --pause-contacts: " + completedFirst.getMessage());
            row("pause latency (answer → last call placed)", "not measured: completed within 1 s", "≤ " + (int) TARGET_PAUSE_MS + " ms", false);
            return campaign;
        }
        Instant answered = Instant.now();
        Thread.sleep(3000);
        EventTopics topics = new EventTopics(TestInfrastructure.get().kafkaBootstrapServers());
        CallLedger ledger = new CallLedger(topics.readToEnd(Topics.CALL_EVENTS, Duration.ofMinutes(1)), campaign);
        Instant lastPlaced = ledger.attempts().stream().map(c -> c.initiatedAt).max(Comparator.naturalOrder()).orElse(answered);
        long placedAfter = ledger.attempts().stream().filter(c -> c.initiatedAt.isAfter(answered)).count();
        long calledAtPause = ledger.attempts().size();
        // Commands already on their way are still initiated and then refused at the claim (not_dialed).
        long refusedAfter = ledger.initiatedAfter(answered).size() - placedAfter;
        double latency = Math.max(0, Duration.between(answered, lastPlaced).toNanos() / 1e6);
        api.post("/api/crm/campaigns/" + campaign + "/resume", null);
        api.awaitCompleted(campaign, Duration.ofMinutes(10));
        results.put("pause", Map.of("latencyMs", round(latency), "callsPlacedAfterPauseAnswered", placedAfter,
                "initiationsRefusedAfterPauseAnswered", refusedAfter, "callsPlacedBeforeCheck", calledAtPause));
        row("pause latency (answer → last call placed)", String.format("%.0f ms (%d placed, %d refused after)", latency, placedAfter, refusedAfter),
                "≤ " + (int) TARGET_PAUSE_MS + " ms", latency <= TARGET_PAUSE_MS);
        return campaign;
    }

    /**
     * Slot freed → next call placed: for each call that ends while the campaign still has calls to
     * place, the time until its next {@code CallInitiated}.
     */
    static List<Double> dispatchLatencies(List<CallLedger.Call> calls) {
        return dispatchLatencies(calls, Instant.MIN, Instant.MAX);
    }

    /** As above, for the calls that ended from {@code endedFrom} to {@code endedTo} (inclusive) only. */
    static List<Double> dispatchLatencies(List<CallLedger.Call> calls, Instant endedFrom, Instant endedTo) {
        List<Instant> starts = calls.stream().map(c -> c.initiatedAt).sorted().toList();
        List<Double> out = new ArrayList<>();
        for (CallLedger.Call call : calls) {
            if (call.endedAt.isBefore(endedFrom) || call.endedAt.isAfter(endedTo)) {
                continue;
            }
            int next = java.util.Collections.binarySearch(starts, call.endedAt);
            next = next >= 0 ? next : -next - 1;
            if (next < starts.size()) {
                out.add(Duration.between(call.endedAt, starts.get(next)).toNanos() / 1e6);
            }
        }
        return out;
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** A campaign's state once it completed, or when {@code timeout} ran out first. */
    record Outcome(JsonNode last, boolean completed) {
    }

    static Outcome awaitCompleted(CampaignApi api, String campaign, Duration timeout) throws Exception {
        try {
            return new Outcome(api.awaitCompleted(campaign, timeout), true);
        } catch (IllegalStateException notCompleted) {
            log(notCompleted.getMessage());
            return new Outcome(api.campaign(campaign), false);
        }
    }

    boolean checker(TestInfrastructure infra, CampaignApi api, List<String> campaigns) throws Exception {
        InvariantChecker checker = InvariantChecker.check(infra.kafkaBootstrapServers(), api, campaigns);
        System.out.println();
        System.out.print(checker.report());
        results.put("invariants", checker.toMap());
        row("invariant checker I1–I5, I8, I9", checker.passed() ? "PASS" : "FAIL", "zero violations", checker.passed());
        return checker.passed();
    }

    private void memory(Map<String, ProcessSampler.Peak> peaks) {
        Map<String, Object> memory = new LinkedHashMap<>();
        peaks.forEach((name, peak) -> {
            if (name.equals(POSTGRESQL) || name.equals(BENCH)) {
                return; // sampled for their CPU: a postmaster's RSS says little, and the bench's is not ours
            }
            memory.put(name, Map.of("peakHeapMB", mb(peak.heapBytes), "peakRssMB", mb(peak.rssBytes)));
            boolean service = !name.equals("kafka-broker");
            row("peak heap / RSS " + name, service
                    ? String.format("%.0f MB / %.0f MB", mb(peak.heapBytes), mb(peak.rssBytes))
                    : String.format("- / %.0f MB", mb(peak.rssBytes)),
                    service ? "heap ≤ 512 MB" : "", !service || peak.heapBytes <= TARGET_HEAP_BYTES);
        });
        results.put("memory", memory);
    }

    void result(String key, Object value) {
        results.put(key, value);
    }

    void row(String figure, String measured, String target, boolean met) {
        table.add(new String[] { figure, measured, target, target.isEmpty() ? "" : met ? "met" : "NOT MET" });
    }

    private void print() {
        System.out.println();
        System.out.printf("%-42s %-40s %-18s %s%n", "figure", "measured", "target", "");
        System.out.println("-".repeat(110));
        for (String[] r : table) {
            System.out.printf("%-42s %-40s %-18s %s%n", (Object[]) r);
        }
    }

    private void write(Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        System.out.println("\nfigures written to " + out);
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static double mb(long bytes) {
        return round(bytes / 1024.0 / 1024.0);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
