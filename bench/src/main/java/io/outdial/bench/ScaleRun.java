package io.outdial.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.testsupport.CampaignApi;

/**
 * The memory run: one large campaign (100,000 contacts by default) with a cap of 10,000 concurrent
 * calls, dialed with real-time simulated calls (tens of seconds each) until the calls in progress
 * reach the cap, held there for a while, then cancelled. The heap and RSS peaks of the run are what
 * it is for; it does not wait for the million contacts to be called.
 */
final class ScaleRun {

    private final Bench bench;
    private final Options options;
    private final CampaignApi api;

    ScaleRun(Bench bench, Options options, CampaignApi api) {
        this.bench = bench;
        this.options = options;
        this.api = api;
    }

    boolean run() throws Exception {
        // 100,000 by default: the public API adds contacts to a campaign by id, and listing a million
        // ids through its offset paging takes longer than the run (quadratic); see bench/README.md.
        int contacts = options.integer("contacts", 100_000);
        int cap = options.integer("cap", 10_000);
        Bench.log("importing " + contacts + " contacts and creating the campaign ...");
        long t0 = System.nanoTime();
        String campaign = api.campaign("bench scale", api.callerIds(),
                api.contacts("s" + Long.toString(System.nanoTime(), 36), contacts), cap, 0);
        double setupSeconds = (System.nanoTime() - t0) / 1e9;
        Bench.log(String.format("created in %.0f s; running until %d calls are in progress ...", setupSeconds, cap));
        api.run(campaign);
        long deadline = System.nanoTime() + Duration.ofMinutes(options.integer("ramp-minutes", 5)).toNanos();
        int peak = 0;
        long reachedAt = 0;
        while (System.nanoTime() < deadline) {
            JsonNode counts = api.statusCounts(campaign);
            int inProgress = counts.path("calling").asInt();
            peak = Math.max(peak, inProgress);
            if (inProgress >= cap && reachedAt == 0) {
                reachedAt = System.nanoTime();
                Bench.log("cap reached; holding " + options.integer("hold-seconds", 30) + " s");
            }
            if (reachedAt != 0 && System.nanoTime() - reachedAt > Duration.ofSeconds(options.integer("hold-seconds", 30)).toNanos()) {
                break;
            }
            Thread.sleep(1000);
        }
        api.post("/api/crm/campaigns/" + campaign + "/cancel", null);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("contacts", contacts);
        run.put("maxConcurrentCalls", cap);
        run.put("setupSeconds", Bench.round(setupSeconds));
        run.put("peakCallsInProgress", peak);
        run.put("reachedCap", reachedAt != 0);
        bench.result("scaleRun", run);
        bench.row("scale run: contacts in one campaign", Integer.toString(contacts), "1,000,000", contacts >= 1_000_000);
        bench.row("scale run: peak calls in progress", Integer.toString(peak), "10,000", peak >= 10_000);
        return reachedAt != 0;
    }
}
