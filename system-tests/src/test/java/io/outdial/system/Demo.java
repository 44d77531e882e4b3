package io.outdial.system;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.SystemStack;

/**
 * Runs a sample campaign against a running stack through the public API only: caller IDs, N
 * contacts (default 200), a campaign, a run with a live progress bar, then a summary.
 * Usage: {@code Demo [contacts] [baseUrl] [apiKey]}.
 */
public final class Demo {

    private final CampaignApi api;

    private Demo(CampaignApi api) {
        this.api = api;
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String base = args.length > 1 ? args[1] : "http://localhost:" + System.getenv().getOrDefault("OUTDIAL_PORT", "8080");
        String key = args.length > 2 ? args[2] : SystemStack.DEV_KEY;
        new Demo(new CampaignApi(base, key, SystemStack.ACCOUNT)).run(contacts);
    }

    private void run(int count) throws Exception {
        // The run's own tag in the contacts' names finds exactly this run's contacts on a reused stack.
        String tag = "demo" + Long.toString(System.currentTimeMillis(), 36);
        List<String> callerIds = api.callerIds();
        List<String> contacts = api.contacts(tag, count);
        System.out.printf("imported %d contacts%n", contacts.size());
        // A far end that never hangs up (sipp -sn uas) is hung up after 20 s, so the demo ends.
        String campaign = api.campaign("Demo " + tag, callerIds, contacts, 10, 2, java.util.Map.of("maxCallDurationSeconds", 20));
        System.out.println(api.run(campaign).get("message").asText());

        JsonNode c;
        JsonNode counts;
        long t0 = System.nanoTime();
        do {
            Thread.sleep(500);
            c = api.campaign(campaign);
            counts = api.statusCounts(campaign);
            int total = c.get("totalContacts").asInt();
            int done = c.get("contactsCompleted").asInt();
            int width = 40;
            int filled = total == 0 ? width : done * width / total;
            System.out.printf("\r[%s%s] called %d  completed %d/%d  answered %d  active %d   ",
                    "#".repeat(filled), ".".repeat(width - filled), c.get("contactsCalled").asInt(), done, total,
                    c.get("contactsAnswered").asInt(), counts.get("calling").asInt() + counts.get("queued").asInt());
        } while (!"completed".equals(c.get("status").asText()) || c.get("contactsCompleted").asInt() < c.get("totalContacts").asInt());
        System.out.printf("%n%nCampaign %s completed in %.1f s%n", campaign, (System.nanoTime() - t0) / 1e9);
        System.out.printf("  %-20s %8s%n", "counter (API)", "value");
        for (String counter : List.of("totalContacts", "contactsCalled", "contactsCompleted", "contactsAnswered")) {
            System.out.printf("  %-20s %8d%n", counter, c.get(counter).asInt());
        }
        System.out.printf("  %-20s %8d%n  %-20s %8d%n", "contacts completed", counts.get("completed").asInt(),
                "contacts failed", counts.get("failed").asInt());
    }
}
