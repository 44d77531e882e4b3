package io.outdial.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.KafkaProcess;
import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * The fault-injection run: one large campaign (10,000 contacts by default, calls of a few tens
 * of milliseconds, retries on) during which a dialer, call-result-service and campaign-service
 * are each killed with SIGKILL and restarted, one at a time, and the Kafka broker is killed and
 * restarted once. Then it waits for the campaign to complete and runs the invariant checker.
 *
 * <p>The lost-call sweep runs at 90 s here (70 min in production) so that the calls killed with
 * their dialer are settled within the run. It must stay above the longest delay a live call's
 * {@code CallEnded} can see before call-result-service folds it (broker restart, consumer-group
 * rebalance after a kill, lag): a shorter one settles live calls as lost, and the checker then
 * reports the contacts dialed again (I3) and the answers never counted (I5).
 */
final class FaultRun {

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
        int contacts = options.integer("contacts", 10_000);
        int cap = options.integer("cap", 50);
        int retries = options.integer("retries", 2);
        KafkaProcess kafka = infra.kafkaProcess().orElseThrow(() ->
                new IllegalStateException("the fault run restarts the broker: it needs its own broker process, not "
                        + TestInfrastructure.ENV_KAFKA));
        Bench.log("creating a campaign of " + contacts + " contacts ...");
        String campaign = api.campaign("bench faults", api.callerIds(),
                api.contacts("f" + Long.toString(System.nanoTime(), 36), contacts), cap, retries);
        api.run(campaign);
        Instant started = Instant.now();

        List<Map<String, Object>> faults = new ArrayList<>();
        ServiceProcess dialer = stack.dialers.get(0);
        fault(faults, campaign, contacts, 0.10, dialer.name(), () -> restart(dialer));
        fault(faults, campaign, contacts, 0.30, stack.callResult.name(), () -> restart(stack.callResult));
        fault(faults, campaign, contacts, 0.50, stack.campaign.name(), () -> restart(stack.campaign));
        fault(faults, campaign, contacts, 0.70, "kafka-broker", () -> {
            kafka.kill();
            Thread.sleep(2000);
            kafka.start();
        });

        boolean completed;
        JsonNode last;
        try {
            last = api.awaitCompleted(campaign, Duration.ofMinutes(options.integer("timeout-minutes", 8)));
            completed = true;
        } catch (IllegalStateException notCompleted) {
            Bench.log(notCompleted.getMessage());
            last = api.campaign(campaign);
            completed = false;
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("contacts", contacts);
        run.put("maxConcurrentCalls", cap);
        run.put("maxRetries", retries);
        run.put("completed", completed);
        run.put("seconds", Bench.round(seconds));
        run.put("faults", faults);
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

    /** Waits until {@code share} of the contacts were called, then applies the fault and records it. */
    private void fault(List<Map<String, Object>> faults, String campaign, int contacts, double share, String target,
            Action action) throws Exception {
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
        Instant at = Instant.now();
        Bench.log(String.format("fault: SIGKILL %s at %d contacts called, then restart", target, called));
        long t0 = System.nanoTime();
        action.run();
        double downSeconds = (System.nanoTime() - t0) / 1e9;
        Bench.log(String.format("%s back after %.1f s", target, downSeconds));
        faults.add(Map.of("target", target, "at", at.toString(), "contactsCalledBefore", called,
                "secondsUntilBack", Bench.round(downSeconds)));
    }

    private static void restart(ServiceProcess service) throws Exception {
        service.kill();
        Thread.sleep(1000);
        service.restart();
        service.awaitReady(Duration.ofMinutes(2));
    }
}
