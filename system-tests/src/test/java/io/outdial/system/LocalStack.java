package io.outdial.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.outdial.testsupport.Sipp;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * The whole system on this machine for trying it out: a real Kafka broker and PostgreSQL (a broker
 * process and an embedded server keeping their data in {@code .local/data}, or {@code OUTDIAL_DATA_DIR},
 * so a second start reuses it; or the servers named by the {@code OUTDIAL_TEST_*} variables),
 * campaign-service on port 8080 (or {@code OUTDIAL_PORT}), call-result-service and two dialers on the
 * simulated provider, time-compressed 100 times (or {@code SIM_TIME_SCALE}). With
 * {@code OUTDIAL_TELEPHONY=sip} the dialers place real SIP calls to {@code OUTDIAL_SIP_TRUNK}, or,
 * when no trunk is given, to a SIPp stand-in carrier that answers by the dialed number's last digit.
 * Logs go to {@code .local/logs}. Runs until Ctrl-C, then stops everything.
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
        Map<String, String> dialerEnv = new HashMap<>(Map.of("SIM_TIME_SCALE", timeScale));
        String trunk = System.getenv("OUTDIAL_SIP_TRUNK");
        boolean sip = "sip".equals(System.getenv("OUTDIAL_TELEPHONY"));
        if (sip && (trunk == null || trunk.isBlank())) {
            // 0-5 answer (talking 5 s), 6 busy, 7 ring then unavailable, 8 decline, 9 not found.
            Sipp carrier = Sipp.serve("by-number.xml", Sipp.Transport.UDP, 0, "-d", "5000");
            trunk = "127.0.0.1:" + carrier.port();
            dialerEnv.put("OUTDIAL_SIP_TRUNK", trunk);
            System.out.println("  SIP trunk: a SIPp stand-in carrier at " + trunk
                    + " (answers by the number's last digit: 0-5 answer, 6 busy, 7 no answer, 8 decline, 9 not found)");
        }
        SystemStack stack = new SystemStack(2, dialerEnv, port, "local");
        running.set(stack);
        String url = stack.campaign.url();
        System.out.println();
        System.out.println("Outdial is running.");
        System.out.println("  API:         " + url + "/api/crm/campaigns");
        System.out.println("  Dashboard:   " + url + "/dashboard/   (sign in with the dev API key below)");
        System.out.println("  Swagger UI:  " + url + "/q/swagger-ui");
        System.out.println("  Dev API key: " + SystemStack.DEV_KEY + "   (team " + SystemStack.TEAM + ", accountSlug "
                + SystemStack.ACCOUNT + ")");
        System.out.println("  Try:         curl -H 'Authorization: Bearer " + SystemStack.DEV_KEY + "' " + url + "/api/crm/campaigns");
        System.out.println("  Webhooks:    POST " + url + "/api/crm/webhooks   (http and loopback receivers allowed on this stack)");
        System.out.println("  Health:      " + stack.campaign.managementUrl() + "/q/health   (management port; metrics at /q/metrics)");
        System.out.println("  Internal:    /internal/** on the management ports, with Authorization: Bearer " + stack.internalToken());
        System.out.println("  Logs:        " + stack.campaign.log().getParent() + "/{campaign-service,call-result-service,dialer-service-1,dialer-service-2}.log");
        System.out.println("  Telephony:   " + (sip ? "sip, trunk " + trunk : "simulated (OUTDIAL_TELEPHONY=sip for real SIP)"));
        System.out.println("  Kafka:       " + infra.kafkaBootstrapServers());
        System.out.println("  Demo:        ./outdial-demo        Check:  ./outdial-check --kafka=" + infra.kafkaBootstrapServers()
                + "        Stop: Ctrl-C");
        Thread.currentThread().join();
    }
}
