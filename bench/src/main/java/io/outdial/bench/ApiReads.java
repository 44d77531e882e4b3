package io.outdial.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * API read latency: with {@code read-campaigns} (10,000) campaigns in the team, {@code GET /api/crm/campaigns}
 * (the default page of 50) and {@code GET /api/crm/campaigns/{id}} (a random one), half each, at
 * {@code read-rate} (500) requests/s over loopback for {@code read-seconds} (20) after
 * {@code read-warm-up-seconds} (20) at the same rate, not measured (with 5 s the backlog a cold read
 * path built up was still draining 8 s into the measurement), and before that rounds of 10 s of the
 * same load until campaign-service's JIT compilers settle ({@link JitWarmUp}, as for the throughput run;
 * none with {@code warm-up-contacts} 0),
 * from {@link OpenLoad} on a Vert.x HTTP client (one event loop, keep-alive connections). Missing
 * campaigns are created first through the API, 16 at a time, without contacts, and the campaign
 * tables analyzed.
 */
final class ApiReads {

    static final double TARGET_P99_MS = 20;
    static final int MAX_IN_FLIGHT = 256;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int CREATORS = 16;
    private static final List<String> KINDS = List.of("GET /api/crm/campaigns", "GET /api/crm/campaigns/{id}");

    private final Bench bench;
    private final Options options;
    private final CampaignApi api;
    private final TestInfrastructure.Database database;
    private final String base;
    private final String key;
    /** Warm-up rounds over campaign-service before the measured reads; null for none. */
    private final JitWarmUp jit;

    ApiReads(Bench bench, Options options, CampaignApi api, TestInfrastructure.Database database, String base, String key,
            JitWarmUp jit) {
        this.bench = bench;
        this.jit = jit;
        this.options = options;
        this.api = api;
        this.database = database;
        this.base = base;
        this.key = key;
    }

    void run(List<String> callerIds) throws Exception {
        int wanted = options.integer("read-campaigns", 10_000);
        int rate = options.integer("read-rate", 500);
        int seconds = options.integer("read-seconds", 20);
        Duration warmUp = Duration.ofSeconds(options.integer("read-warm-up-seconds", 20));
        long setup = System.nanoTime();
        int created = createMissing(wanted, callerIds);
        analyze();
        double setupSeconds = (System.nanoTime() - setup) / 1e9;
        List<String> ids = campaignIds();
        Bench.log(String.format("API reads: %d campaigns created in %.1f s, %d in the team; %d requests/s for %d s after %d s warm-up ...",
                created, setupSeconds, ids.size(), rate, seconds, warmUp.toSeconds()));

        // The read path is code the dispatch loop did not run: rounds of the same load first, until
        // campaign-service's compilers have little left to do.
        if (jit != null) {
            JitWarmUp.Done done = jit.run("API reads warm-up", () -> {
                load(new OpenLoad.Schedule(rate, Duration.ZERO, READ_WARM_UP_ROUND), ids);
                return List.of();
            });
            bench.row("API reads: warm-up", Bench.warmUpSummary(done), "", true);
            bench.result("apiReadsWarmUp", done.toMap());
        }
        OpenLoad.Schedule schedule = new OpenLoad.Schedule(rate, warmUp, Duration.ofSeconds(seconds));
        OpenLoad.Result result = load(schedule, ids);
        Bench.log("API reads: slowest answer (ms) of the requests due in each measured second: "
                + Arrays.toString(result.slowestPerSecond()));
        report(result, rate, warmUp, seconds, ids.size(), created, setupSeconds);
    }

    /** One warm-up round of reads. */
    private static final Duration READ_WARM_UP_ROUND = Duration.ofSeconds(10);

    /** The reads on {@code schedule}, half the list and half a random campaign of {@code ids} by id. */
    private OpenLoad.Result load(OpenLoad.Schedule schedule, List<String> ids) throws Exception {
        URI target = URI.create(base);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(target.getHost())
                .setDefaultPort(target.getPort()).setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
        Random random = new Random(42);
        try {
            return OpenLoad.run(schedule, KINDS.size(), i -> {
                String path = schedule.kindOf(i, KINDS.size()) == 0 ? "/api/crm/campaigns"
                        : "/api/crm/campaigns/" + ids.get(random.nextInt(ids.size()));
                RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                        .setTimeout(REQUEST_TIMEOUT.toMillis()).putHeader("Authorization", "Bearer " + key);
                return http.request(request)
                        .compose(sent -> sent.send().compose(response -> response.body().map(body -> response.statusCode())))
                        .toCompletionStage().toCompletableFuture();
            }, MAX_IN_FLIGHT, REQUEST_TIMEOUT.plusSeconds(5));
        } finally {
            vertx.close().onFailure(failure -> Bench.log("API reads: the HTTP client did not close: " + failure));
        }
    }

    /** Creates the campaigns the team lacks to have {@code wanted}, {@link #CREATORS} requests at once; how many it created. */
    private int createMissing(int wanted, List<String> callerIds) throws Exception {
        int missing = (int) Math.max(0, wanted - api.get("/api/crm/campaigns?limit=1").get("total").asLong());
        if (missing == 0) {
            return 0;
        }
        Bench.log("API reads: creating " + missing + " campaigns ...");
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                Map<String, Object> body = new HashMap<>();
                body.put("name", "bench read " + i);
                body.put("assistantId", "bench-assistant");
                body.put("fromNumberIds", callerIds);
                body.put("callWindowStart", now.minusHours(2).truncatedTo(ChronoUnit.MINUTES).toString());
                body.put("callWindowEnd", now.plusHours(6).truncatedTo(ChronoUnit.MINUTES).toString());
                body.put("callWindowTimezone", "Etc/UTC");
                body.put("complianceProfile", "none");
                body.put("complianceOptOut", true);
                answers.add(creators.submit(() -> api.post("/api/crm/campaigns", body)));
            }
            for (Future<JsonNode> answer : answers) {
                answer.get();
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException("creating the read campaigns failed: " + failed.getCause().getMessage(), failed.getCause());
        } finally {
            creators.shutdownNow();
        }
        return missing;
    }

    /**
     * Statistics for the tables just filled, as autovacuum gathers within a minute of such a change:
     * measured before them, the reads would show the first minute after a bulk creation, not the
     * steady state.
     */
    private void analyze() throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement()) {
            s.execute("ANALYZE campaigns, campaign_phone_numbers, campaign_tallies");
        }
    }

    private List<String> campaignIds() throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (int offset = 0;; offset += 500) {
            JsonNode page = api.get("/api/crm/campaigns?limit=500&offset=" + offset).get("campaigns");
            if (page.isEmpty()) {
                break;
            }
            page.forEach(c -> ids.add(c.get("id").asText()));
        }
        return new ArrayList<>(ids);
    }

    private void report(OpenLoad.Result result, int rate, Duration warmUp, int seconds, int campaigns, int created, double setupSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("campaigns", campaigns);
        json.put("campaignsCreated", created);
        json.put("setupSeconds", Bench.round(setupSeconds));
        json.put("ratePerSecond", rate);
        json.put("warmupSeconds", warmUp.toSeconds());
        json.put("measuredSeconds", seconds);
        json.put("maxInFlight", MAX_IN_FLIGHT);
        json.put("achievedPerSecond", Bench.round(result.achievedPerSecond()));
        json.put("slowestMsPerSecond", result.slowestPerSecond());
        json.put("targetP99Ms", TARGET_P99_MS);
        String scale = String.format("@%d/s (%,d campaigns)", rate, campaigns);
        for (int k = 0; k < KINDS.size(); k++) {
            OpenLoad.Tally tally = result.kinds().get(k);
            OpenLoad.Summary s = OpenLoad.Summary.of(tally.latencies());
            json.put(KINDS.get(k), figures(tally, s));
            bench.row("API read " + KINDS.get(k) + " p99 " + scale,
                    String.format("%.1f ms (%d answered 2xx)", s.p99Ms(), s.count()),
                    "≤ " + (int) TARGET_P99_MS + " ms", s.count() > 0 && s.p99Ms() <= TARGET_P99_MS);
        }
        for (int k = 0; k < KINDS.size(); k++) {
            OpenLoad.Summary s = OpenLoad.Summary.of(result.kinds().get(k).latencies());
            bench.row("API read " + KINDS.get(k) + " p50 / p99.9 / max",
                    String.format("%.1f / %.1f / %.1f ms", s.p50Ms(), s.p999Ms(), s.maxMs()), "", true);
        }
        OpenLoad.Tally all = result.all();
        json.put("all", figures(all, OpenLoad.Summary.of(all.latencies())));
        bench.row("API reads achieved rate, errors",
                String.format("%.1f/s of %d; %d errors, %d 429, %d dropped, %d unanswered", result.achievedPerSecond(), rate,
                        all.errors(), all.rateLimited(), all.dropped(), all.unanswered()),
                "", true);
        bench.result("apiReads", json);
    }

    private static Map<String, Object> figures(OpenLoad.Tally tally, OpenLoad.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50Ms", Bench.round(s.p50Ms()));
        m.put("p99Ms", Bench.round(s.p99Ms()));
        m.put("p999Ms", Bench.round(s.p999Ms()));
        m.put("maxMs", Bench.round(s.maxMs()));
        m.put("sent", tally.sent());
        m.put("ok", tally.ok());
        m.put("errors", tally.errors());
        m.put("rateLimited", tally.rateLimited());
        m.put("dropped", tally.dropped());
        m.put("unanswered", tally.unanswered());
        return m;
    }
}
