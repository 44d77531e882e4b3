package io.outdial.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole system on this machine: the shared real Kafka and PostgreSQL of the test JVM, then
 * campaign-service, call-result-service and {@code dialers} dialer-service instances as processes.
 * The services call each other's {@code /internal} endpoints on their management ports with an
 * internal token made for this stack.
 */
public final class SystemStack implements AutoCloseable {

    public static final String DEV_KEY = "odk_system_test_key";
    public static final String TEAM = "system-team";
    public static final String ACCOUNT = "system";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String internalToken = newToken();

    public final ServiceProcess campaign;
    public final ServiceProcess callResult;
    public final List<ServiceProcess> dialers = new ArrayList<>();

    /** {@code campaignPort} 0 picks a free port; databases are named after {@code prefix}. */
    public SystemStack(int dialerCount, Map<String, String> dialerEnv, int campaignPort, String prefix) throws Exception {
        this(dialerCount, dialerEnv, Map.of(), campaignPort, prefix);
    }

    /** As above, with extra settings for call-result-service ({@code resultEnv}). */
    public SystemStack(int dialerCount, Map<String, String> dialerEnv, Map<String, String> resultEnv, int campaignPort,
            String prefix) throws Exception {
        this(dialerCount, dialerEnv, resultEnv, Map.of(), campaignPort, prefix, false);
    }

    /**
     * As above, with extra settings for campaign-service ({@code campaignSettings}), e.g. a shorter
     * lease; with {@code adjustableClock} every service's clock can be moved with
     * {@link #setClock(Instant)}, so that tests of time-of-day rules need not wait for the hour.
     */
    public SystemStack(int dialerCount, Map<String, String> dialerEnv, Map<String, String> resultEnv,
            Map<String, String> campaignSettings, int campaignPort, String prefix, boolean adjustableClock) throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String suffix = Long.toString(System.nanoTime(), 36);
        var campaignDb = infra.database(prefix + "_campaign");
        var resultDb = infra.database(prefix + "_call_result");
        Map<String, String> common = new HashMap<>();
        if (adjustableClock) {
            common.put("OUTDIAL_CLOCK_ADJUSTABLE", "true");
        }
        common.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        common.put("KAFKA_TOPIC_PARTITIONS", Integer.toString(TestInfrastructure.TEST_PARTITIONS));
        common.put("INTERNAL_TOKENS", internalToken);

        Map<String, String> campaignEnv = new HashMap<>(common);
        campaignEnv.putAll(db(campaignDb));
        campaignEnv.put("OUTDIAL_DEV_API_KEY", DEV_KEY);
        campaignEnv.put("OUTDIAL_DEV_TEAM_ID", TEAM);
        campaignEnv.put("OUTDIAL_DEV_ACCOUNT_SLUG", ACCOUNT);
        campaignEnv.put("DISPATCH_TICK", "200ms");
        // The invariant checker reads every called contact, 16 at a time: above the default rate limit per key.
        campaignEnv.put("API_KEY_RATE_LIMIT_PER_SECOND", "2000");
        campaignEnv.put("API_KEY_RATE_LIMIT_BURST", "4000");
        // Everything here runs on loopback: a webhook receiver on this machine is the one to try.
        campaignEnv.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        campaignEnv.put("WEBHOOKS_ALLOW_HTTP", "true");
        campaignEnv.putAll(campaignSettings);
        Map<String, String> callResultEnv = new HashMap<>(common);
        callResultEnv.putAll(db(resultDb));
        callResultEnv.putAll(resultEnv);
        callResult = ServiceProcess.start("call-result-service", "call-result-service", callResultEnv);
        campaignEnv.put("CALL_RESULT_SERVICE_URL", callResult.managementUrl());
        campaign = ServiceProcess.start("campaign-service", "campaign-service", campaignEnv, campaignPort);
        // The dialers start alongside: a dialer needs campaign-service only once a command comes.
        for (int i = 1; i <= dialerCount; i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("DIALER_ID", "dialer-" + i + "-" + suffix);
            env.put("CAMPAIGN_SERVICE_URL", campaign.managementUrl());
            env.putAll(dialerEnv);
            dialers.add(ServiceProcess.start("dialer-service", "dialer-service-" + i, env));
        }
        for (ServiceProcess service : services()) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    private static Map<String, String> db(TestInfrastructure.Database db) {
        return Map.of("DB_REACTIVE_URL", db.reactiveUrl(), "DB_JDBC_URL", db.jdbcUrl(), "DB_USER", db.user(),
                "DB_PASSWORD", db.password());
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "stack-" + HexFormat.of().formatHex(bytes);
    }

    /** The token of the services' {@code /internal} endpoints (their management ports). */
    public String internalToken() {
        return internalToken;
    }

    /** Every service process: campaign-service, call-result-service, then the dialers. */
    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(List.of(campaign, callResult));
        all.addAll(dialers);
        return all;
    }

    /**
     * Moves every service's clock to {@code now} (it runs on from there). Needs a stack started
     * with an adjustable clock.
     */
    public void setClock(Instant now) throws IOException, InterruptedException {
        // One shift from the machine's clock for every service: set one after another to the same
        // instant, the later ones would run behind the earlier, and the end of one dialer's call could
        // read later than the start of the next call at another.
        long shift = Duration.between(Instant.now(), now).toMillis();
        for (ServiceProcess service : services()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/internal/clock"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + internalToken)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"offsetMillis\":" + shift + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("cannot set the clock of " + service.name() + ": " + response.statusCode()
                        + " " + response.body());
            }
        }
    }

    /** The time the services read now (campaign-service's clock; all of them move together). */
    public Instant now() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(campaign.managementUrl() + "/internal/clock"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + internalToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot read campaign-service's clock: " + response.statusCode() + " " + response.body());
        }
        return Instant.parse(JSON.readTree(response.body()).get("now").asText());
    }

    /** Stops every service at once: each leaves its consumer groups on the way, and none waits for another. */
    @Override
    public void close() {
        ServiceProcess.closeAll(services());
    }
}
