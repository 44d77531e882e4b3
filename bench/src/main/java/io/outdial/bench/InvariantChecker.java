package io.outdial.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.contract.CallWindow;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;

/**
 * Checks invariants I1–I5 of the design after any run, from what an integrator sees: every call
 * event and contact outcome on Kafka, and the final state the API reports. Usage:
 * {@code InvariantChecker --kafka=host:port [--api=http://localhost:8080] [--key=...]}.
 *
 * <p>A call's interval runs from its {@code CallInitiated} to its {@code CallEnded}; a call whose
 * dialer died before it ended is closed by the lost-call settlement ({@code ContactSettled} for
 * that call id), and one with neither stays open, which counts against I1 and I4. A call initiated
 * and then skipped or released without an outcome (its command came back after a dialer crash and
 * was found expired) was never placed: it is not an attempt.
 */
public final class InvariantChecker {

    /** One invariant's verdict: how many violations and a few examples. */
    public static final class Verdict {
        final String name;
        final String what;
        long checked;
        long violations;
        final List<String> examples = new ArrayList<>();
        String detail = "";

        Verdict(String name, String what) {
            this.name = name;
            this.what = what;
        }

        void violation(String example) {
            violations++;
            if (examples.size() < 5) {
                examples.add(example);
            }
        }

        boolean passed() {
            return violations == 0;
        }
    }

    /** Everything known about one call from the events. */
    static final class Call {
        String id;
        String member;
        Instant initiatedAt;
        Instant endedAt;
        Instant settledAt;
        CallOutcome outcome;
        int attemptEnds;
        int rings;
        Instant skippedAt;
        boolean released;

        boolean isAttempt() {
            // not_dialed: the claim was refused, nothing was placed. Skipped (a redelivered command found
            // expired) or released without an outcome: never placed either.
            if (initiatedAt == null || (outcome != null && !outcome.isAttempt())) {
                return false;
            }
            return outcome != null || (skippedAt == null && !released);
        }

        Instant end() {
            return endedAt != null ? endedAt : skippedAt != null ? skippedAt : settledAt;
        }

        String describe() {
            return "call " + id + " " + initiatedAt + " → " + (endedAt != null ? endedAt + " " + outcome
                    : settledAt != null ? settledAt + " settled " + outcome + " (no CallEnded)" : "open");
        }
    }

    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private int campaigns;
    private long calls;
    /** The highest concurrency of any campaign checked, shown beside I1 with that campaign's cap. */
    private int peakConcurrency;

    private InvariantChecker() {
        verdicts.put("I1", new Verdict("I1 concurrency", "calls in progress never above maxConcurrentCalls"));
        verdicts.put("I2", new Verdict("I2 window", "no call initiated outside the calling window"));
        verdicts.put("I3", new Verdict("I3 attempts", "no two calls in flight per contact, at most 1 + maxRetries attempts"));
        verdicts.put("I4", new Verdict("I4 no loss", "a completed campaign has every contact terminal and every call ended"));
        verdicts.put("I5", new Verdict("I5 counters", "API counters equal a recount from the call records"));
    }

    /** A campaign as the API reports it at the end: its fields and its contacts' statusCounts. */
    public record CampaignState(JsonNode campaign, JsonNode statusCounts) {
    }

    /** Checks the given campaigns (every campaign the key sees that has call events, when empty). */
    public static InvariantChecker check(String bootstrapServers, CampaignApi api, List<String> campaignIds) throws Exception {
        EventTopics topics = new EventTopics(bootstrapServers);
        List<CallEvent> callEvents = new ArrayList<>();
        for (ConsumerRecord<String, String> record : topics.readToEnd(Topics.CALL_EVENTS, Duration.ofMinutes(2))) {
            callEvents.add((CallEvent) CloudEventHeaders.read(record.headers(), record.value()).event());
        }
        List<ContactSettled> settlements = new ArrayList<>();
        for (ConsumerRecord<String, String> record : topics.readToEnd(Topics.CONTACT_OUTCOMES, Duration.ofMinutes(2))) {
            if (CloudEventHeaders.read(record.headers(), record.value()).event() instanceof ContactSettled s) {
                settlements.add(s);
            }
        }
        Set<String> ids = new java.util.LinkedHashSet<>(campaignIds);
        if (ids.isEmpty()) {
            callEvents.forEach(e -> ids.add(e.campaignId()));
        }
        List<CampaignState> campaigns = new ArrayList<>();
        for (String id : ids) {
            try {
                campaigns.add(new CampaignState(api.campaign(id), api.statusCounts(id)));
            } catch (IllegalStateException notVisible) {
                // another team's campaign: not this key's to check
            }
        }
        return evaluate(callEvents, settlements, campaigns);
    }

    /** The verdicts for these campaigns, from every call event and contact settlement read. */
    public static InvariantChecker evaluate(List<CallEvent> callEvents, List<ContactSettled> settlements,
            List<CampaignState> campaigns) {
        Map<String, Map<String, Call>> byCampaign = new TreeMap<>();
        for (CallEvent event : callEvents) {
            Call call = byCampaign.computeIfAbsent(event.campaignId(), k -> new HashMap<>())
                    .computeIfAbsent(event.callId(), id -> new Call());
            call.id = event.callId();
            if (event instanceof CallInitiated e) {
                call.member = e.campaignContactId();
                if (call.initiatedAt == null || e.initiatedAt().isBefore(call.initiatedAt)) {
                    call.initiatedAt = e.initiatedAt();
                }
            } else if (event instanceof CallRinging) {
                call.rings++;
            } else if (event instanceof CallSkipped e) {
                call.member = e.campaignContactId();
                if (call.skippedAt == null) {
                    call.skippedAt = e.skippedAt();
                }
            } else if (event instanceof CallEnded e) {
                call.member = e.campaignContactId();
                if (e.outcome().isAttempt()) {
                    call.attemptEnds++;
                }
                if (call.endedAt == null) {
                    call.endedAt = e.endedAt();
                    call.outcome = e.outcome();
                }
            }
        }
        Map<String, Map<String, ContactSettled>> settled = new HashMap<>();
        for (ContactSettled s : settlements) {
            settled.computeIfAbsent(s.campaignId(), k -> new HashMap<>()).putIfAbsent(s.callId(), s);
        }
        InvariantChecker checker = new InvariantChecker();
        for (CampaignState state : campaigns) {
            String id = state.campaign().get("id").asText();
            checker.checkCampaign(state.campaign(), state.statusCounts(), byCampaign.getOrDefault(id, Map.of()),
                    settled.getOrDefault(id, Map.of()));
        }
        return checker;
    }

    private void checkCampaign(JsonNode campaign, JsonNode counts, Map<String, Call> callsById,
            Map<String, ContactSettled> settlements) {
        campaigns++;
        String id = campaign.get("id").asText();
        int cap = campaign.get("maxConcurrentCalls").asInt();
        int maxAttempts = 1 + campaign.get("maxRetries").asInt();
        boolean completed = "completed".equals(campaign.get("status").asText());
        CallWindow window = CallWindow.of(campaign.get("callWindowStart").asText(), campaign.get("callWindowEnd").asText(),
                campaign.get("callWindowTimezone").asText());
        List<Call> attempts = new ArrayList<>();
        for (Call call : callsById.values()) {
            calls++;
            ContactSettled settlement = settlements.get(call.id);
            if (settlement != null) {
                call.settledAt = settlement.settledAt();
                call.released = settlement.settlement() == ContactSettled.Settlement.RELEASED;
                if (call.outcome == null) {
                    call.outcome = settlement.outcome();
                }
                if (call.member == null) {
                    call.member = settlement.campaignContactId();
                }
            }
            if (call.isAttempt()) {
                attempts.add(call);
            }
        }

        // I1: sweep the starts and ends in time order; an end at the same instant frees the slot first.
        Verdict i1 = verdicts.get("I1");
        List<long[]> edges = new ArrayList<>();
        for (Call c : attempts) {
            edges.add(new long[] { micros(c.initiatedAt), 1 });
            if (c.end() != null) {
                edges.add(new long[] { micros(c.end()), -1 });
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            peak = Math.max(peak, now);
            if (edge[1] > 0) {
                i1.checked++;
                if (now > cap) {
                    i1.violation(id + ": " + now + " calls in progress at " + Instant.EPOCH.plusNanos(edge[0] * 1000)
                            + ", cap " + cap);
                }
            }
        }
        if (peak >= peakConcurrency) {
            peakConcurrency = peak;
            i1.detail = "peak " + peak + " (cap " + cap + ")";
        }

        // I2: every initiation inside the window, in the campaign's timezone.
        Verdict i2 = verdicts.get("I2");
        for (Call c : attempts) {
            i2.checked++;
            if (!window.isOpenAt(c.initiatedAt)) {
                i2.violation(id + ": call " + c.id + " initiated at " + c.initiatedAt + " outside " + window);
            }
        }

        // I3: per contact, attempts within the limit and never overlapping; no call placed twice.
        Verdict i3 = verdicts.get("I3");
        Map<String, List<Call>> byMember = new HashMap<>();
        attempts.forEach(c -> byMember.computeIfAbsent(c.member, k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<Call>> entry : byMember.entrySet()) {
            i3.checked++;
            List<Call> list = entry.getValue();
            list.sort((a, b) -> a.initiatedAt.compareTo(b.initiatedAt));
            if (list.size() > maxAttempts) {
                i3.violation(id + ": contact " + entry.getKey() + " got " + list.size() + " attempts, at most " + maxAttempts
                        + ": " + list.stream().map(Call::describe).toList());
            }
            for (int i = 1; i < list.size(); i++) {
                Instant previousEnd = list.get(i - 1).end();
                if (previousEnd == null || list.get(i).initiatedAt.isBefore(previousEnd)) {
                    i3.violation(id + ": contact " + entry.getKey() + " had two calls in flight");
                }
            }
        }
        for (Call c : attempts) {
            if (c.attemptEnds > 1 || c.rings > 1) {
                i3.violation(id + ": call " + c.id + " was placed more than once");
            }
        }

        if (!completed) {
            return; // I4 and I5 are about the end state
        }
        // I4: nothing left behind.
        Verdict i4 = verdicts.get("I4");
        i4.checked++;
        long open = counts.path("pending").asLong() + counts.path("queued").asLong() + counts.path("calling").asLong();
        if (open > 0) {
            i4.violation(id + ": completed with " + open + " contacts not terminal: " + counts);
        }
        for (Call c : attempts) {
            i4.checked++;
            if (c.end() == null) {
                i4.violation(id + ": call " + c.id + " initiated and never ended nor settled");
            }
        }

        // I5: the API's counters against a recount from the records.
        Verdict i5 = verdicts.get("I5");
        Set<String> called = new HashSet<>(byMember.keySet());
        Set<String> answered = new HashSet<>();
        attempts.stream().filter(c -> c.outcome == CallOutcome.ANSWERED).forEach(c -> answered.add(c.member));
        Set<String> done = new HashSet<>();
        settlements.values().stream().filter(s -> s.settlement() == ContactSettled.Settlement.DONE)
                .forEach(s -> done.add(s.campaignContactId()));
        long total = 0;
        for (var it = counts.fields(); it.hasNext(); ) {
            total += it.next().getValue().asLong();
        }
        compare(i5, id, "totalContacts", campaign, total);
        compare(i5, id, "contactsCalled", campaign, called.size());
        compare(i5, id, "contactsAnswered", campaign, answered.size());
        compare(i5, id, "contactsCompleted", campaign, done.size());
    }

    private static void compare(Verdict verdict, String campaign, String counter, JsonNode api, long recount) {
        verdict.checked++;
        long reported = api.get(counter).asLong();
        if (reported != recount) {
            verdict.violation(campaign + ": " + counter + " is " + reported + ", recount " + recount);
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    public boolean passed() {
        return verdicts.values().stream().allMatch(Verdict::passed);
    }

    public Map<String, Verdict> verdicts() {
        return verdicts;
    }

    /** The verdicts as plain data, for the benchmark's JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        verdicts.forEach((key, v) -> out.put(key, Map.of("passed", v.passed(), "violations", v.violations,
                "checked", v.checked, "examples", v.examples)));
        return Map.of("passed", passed(), "verdicts", out);
    }

    /** The report, one line per invariant, then examples of what failed. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Invariant checker: %d campaigns, %d calls%n", campaigns, calls));
        for (Verdict v : verdicts.values()) {
            out.append(String.format("  %-15s %-4s  violations %-6d checked %-8d %s%n", v.name, v.passed() ? "PASS" : "FAIL",
                    v.violations, v.checked, v.detail));
            v.examples.forEach(e -> out.append("      ").append(e).append('\n'));
        }
        out.append("VERDICT: ").append(passed() ? "PASS" : "FAIL").append('\n');
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        CampaignApi api = new CampaignApi(options.get("api", "http://localhost:8080"), options.get("key", "odk_system_test_key"),
                options.get("account", "system"));
        List<String> ids = options.get("campaigns", "").isBlank() ? List.of() : List.of(options.get("campaigns", "").split(","));
        InvariantChecker checker = check(options.required("kafka"), api, ids);
        System.out.print(checker.report());
        System.exit(checker.passed() ? 0 : 1);
    }
}
