package io.outdial.system;

import java.nio.file.Path;
import java.util.Map;

import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * The whole system on this machine for trying it out: a real Kafka broker and PostgreSQL (a broker
 * process and an embedded server keeping their data in {@code .local/data}, or {@code OUTDIAL_DATA_DIR},
 * so a second start reuses it; or the servers named by the {@code OUTDIAL_TEST_*} variables),
 * campaign-service on port 8080 (or {@code OUTDIAL_PORT}), call-result-service and two dialers on the
 * simulated provider, time-compressed 100 times (or {@code SIM_TIME_SCALE}). Logs go to
 * {@code .local/logs}. Runs until Ctrl-C, then stops everything.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("OUTDIAL_PORT", "8080"));
        String timeScale = System.getenv().getOrDefault("SIM_TIME_SCALE", "0.01");
        Path root = Path.of(System.getProperty("outdial.repo.root", ".."));
        Path data = Path.of(System.getenv().getOrDefault("OUTDIAL_DATA_DIR", root.resolve(".local/data").toString()));
        Path logs = root.resolve(".local/logs");
        System.setProperty("outdial.logs.dir", logs.toString());
        System.out.println("Starting Kafka and PostgreSQL (data: " + data + ") ...");
        TestInfrastructure infra = TestInfrastructure.persistent(data);
        System.out.println("  " + infra.describe());
        System.out.println("Starting the services (logs: " + logs + ") ...");
        var running = new java.util.concurrent.atomic.AtomicReference<SystemStack>();
        // One hook, in order: the services first (they flush to Kafka and PostgreSQL), then the servers.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the services ...");
            if (running.get() != null) {
                running.get().close();
            }
            infra.stop();
        }, "local-stack-stop"));
        SystemStack stack = new SystemStack(2, Map.of("SIM_TIME_SCALE", timeScale), port, "local");
        running.set(stack);
        String url = stack.campaign.url();
        System.out.println();
        System.out.println("Outdial is running.");
        System.out.println("  API:         " + url + "/api/crm/campaigns");
        System.out.println("  Swagger UI:  " + url + "/q/swagger-ui");
        System.out.println("  Dev API key: " + SystemStack.DEV_KEY + "   (team " + SystemStack.TEAM + ", accountSlug "
                + SystemStack.ACCOUNT + ")");
        System.out.println("  Try:         curl -H 'Authorization: Bearer " + SystemStack.DEV_KEY + "' " + url + "/api/crm/campaigns");
        System.out.println("  Logs:        " + stack.campaign.log().getParent() + "/{campaign-service,call-result-service,dialer-service-1,dialer-service-2}.log");
        System.out.println("  Kafka:       " + infra.kafkaBootstrapServers());
        System.out.println("  Demo:        ./outdial-demo        Check:  ./outdial-check --kafka=" + infra.kafkaBootstrapServers()
                + "        Stop: Ctrl-C");
        Thread.currentThread().join();
    }
}
