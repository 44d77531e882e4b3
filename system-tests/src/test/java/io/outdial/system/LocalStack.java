package io.outdial.system;

import java.util.Map;

/**
 * The whole system on this machine for trying it out: a real Kafka broker and PostgreSQL (embedded,
 * or the ones named by the {@code OUTDIAL_TEST_*} variables), campaign-service on port 8080 (or
 * {@code OUTDIAL_PORT}), call-result-service and two dialers on the simulated provider, time-compressed
 * 100 times (or {@code SIM_TIME_SCALE}). Runs until Ctrl-C, then stops everything.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("OUTDIAL_PORT", "8080"));
        String timeScale = System.getenv().getOrDefault("SIM_TIME_SCALE", "0.01");
        System.out.println("Starting Kafka, PostgreSQL and the services (logs: system-tests/target/service-logs/) ...");
        SystemStack stack = new SystemStack(2, Map.of("SIM_TIME_SCALE", timeScale), port, "local");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the services ...");
            stack.close();
        }, "local-stack-stop"));
        String url = stack.campaign.url();
        System.out.println();
        System.out.println("Outdial is running.");
        System.out.println("  API:         " + url + "/api/crm/campaigns");
        System.out.println("  Swagger UI:  " + url + "/q/swagger-ui");
        System.out.println("  Dev API key: " + SystemStack.DEV_KEY + "   (team " + SystemStack.TEAM + ", accountSlug "
                + SystemStack.ACCOUNT + ")");
        System.out.println("  Try:         curl -H 'Authorization: Bearer " + SystemStack.DEV_KEY + "' " + url + "/api/crm/campaigns");
        System.out.println("  Demo:        ./outdial-demo        Stop: Ctrl-C");
        Thread.currentThread().join();
    }
}
