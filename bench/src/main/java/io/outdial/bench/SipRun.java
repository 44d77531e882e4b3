package io.outdial.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.Sipp;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * The throughput run over real SIP: the throughput campaigns ({@code --campaigns=4 --contacts=1000
 * --cap=250}) with the dialers on the {@code sip} provider, calling a SIPp trunk on loopback that
 * answers every call and hangs up at once ({@code sipp/answer-at-once.xml} in this module's
 * resources): zero-length calls, so the figures are signalling throughput. The campaigns' ring
 * timeout and longest call are the shortest the API takes (15 s, 10 s), so that calls the trunk
 * loses still end within the run. Beside them, SIPp calling the same kind of trunk with as many
 * calls at once ({@link Baselines#sippCalls}), measured before the services start.
 */
final class SipRun {

    private final Bench bench;
    private final Options options;
    private final TestInfrastructure infra;
    private final SystemStack stack;
    private final CampaignApi api;
    private final Baselines.SippCalls sipp;

    /** {@code sipp} is null when the baseline was not measured ({@code --no-baselines}). */
    SipRun(Bench bench, Options options, TestInfrastructure infra, SystemStack stack, CampaignApi api, Baselines.SippCalls sipp) {
        this.bench = bench;
        this.options = options;
        this.infra = infra;
        this.stack = stack;
        this.api = api;
        this.sipp = sipp;
    }

    /**
     * SIPp's UDP socket buffers ({@code -buff_size}; the kernel caps them at {@code net.core.rmem_max}).
     * With its default of 64 KB, SIPp on loopback dropped datagrams from a few hundred call set-ups at
     * once: retransmissions, calls aborted on a retransmitted INVITE, 32 s timeouts.
     */
    static final String SOCKET_BUFFER_BYTES = Integer.toString(4 * 1024 * 1024);

    /** Zero-length calls: the campaigns' shortest ring timeout and call, for calls the far end loses. */
    static final Map<String, Object> CAMPAIGN_FIELDS = Map.of("ringTimeoutSeconds", 15, "maxCallDurationSeconds", 10);

    /**
     * The far end: SIPp answering every call with 200 at once and sending BYE as soon as our ACK is in.
     * Not test-support's {@code answer-all.xml -d 0}: that one aborts a call whose INVITE comes again
     * after its 180 (see the scenario), and a dialer that is slow to read the answers retransmits it.
     */
    static Sipp trunk() {
        return Sipp.serve("answer-at-once.xml", Sipp.Transport.UDP, 0, "-buff_size", SOCKET_BUFFER_BYTES);
    }

    /** The dialers on the sip provider, calling {@code trunk}, with a calls-per-second limit ({@code --sip-cps}) meant to be no limit. */
    static Map<String, String> dialerEnv(Options options, Sipp trunk) {
        return Map.of("OUTDIAL_TELEPHONY", "sip", "OUTDIAL_SIP_TRUNK", "127.0.0.1:" + trunk.port(),
                "OUTDIAL_SIP_CPS", Integer.toString(cps(options)));
    }

    private static int cps(Options options) {
        return options.integer("sip-cps", 1000);
    }

    boolean run() throws Exception {
        Bench.Campaigns campaigns = bench.runCampaigns(api, api.callerIds(), CAMPAIGN_FIELDS);
        int cps = cps(options);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("telephony", "sip");
        settings.put("trunk", "SIPp answer-at-once.xml, UDP, loopback");
        settings.putAll(CAMPAIGN_FIELDS);
        settings.put("sipCallsPerSecondPerDialer", cps);
        Map<String, Integer> endings = endings(campaigns);
        settings.put("endings", endings);
        double rate = bench.attemptsAndDispatch(infra, stack, campaigns, "sip", settings);
        bench.row("attempts by outcome/endReason/sipStatus", endings.toString(), "", true);
        int limit = cps * stack.dialers.size();
        bench.row("OUTDIAL_SIP_CPS", String.format("%d a dialer (%d/s for %d dialers)", cps, limit, stack.dialers.size()),
                "not the limit", rate < 0.8 * limit);
        if (sipp != null) {
            bench.row("SIPp → SIPp trunk calls/s (raw)", String.format("%.0f (%d calls, %d at once, %d failed)",
                    sipp.callsPerSecond(), sipp.successful(), sipp.concurrent(), sipp.failed()), "", true);
            bench.row("ours / SIPp raw", String.format("%.4f", rate / sipp.callsPerSecond()), "", true);
            bench.result("ratios", Map.of("attemptsPerSippCall", Bench.round4(rate / sipp.callsPerSecond())));
        }
        return bench.checker(infra, api, campaigns.ids());
    }

    /** How the attempts ended, from the calls API: {@code outcome/endReason/sipStatus} → calls, most first. */
    private Map<String, Integer> endings(Bench.Campaigns campaigns) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String campaign : campaigns.ids()) {
            for (int offset = 0;; offset += 500) {
                JsonNode page = api.get("/api/crm/calls?campaignId=" + campaign + "&limit=500&offset=" + offset).get("calls");
                for (JsonNode call : page) {
                    if (!"not_dialed".equals(call.path("outcome").asText())) {
                        counts.merge(call.path("outcome").asText() + "/" + call.path("endReason").asText() + "/"
                                + call.path("sipStatus").asText("-"), 1, Integer::sum);
                    }
                }
                if (page.size() < 500) {
                    break;
                }
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
