package io.outdial.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


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
 * Checks invariants I1–I5, I8 and I9 of the design after any run, from what an integrator sees: every
 * call event and contact outcome on Kafka, and what the API reports (each campaign's final state,
 * the contacts called, the team's do-not-call list). Usage:
 * {@code InvariantChecker --kafka=host:port [--api=http://localhost:8080] [--key=...] [--rules=file]}.
 *
 * <p>A call's interval runs from its {@code CallInitiated} to its dialer's {@code CallEnded}; a call
 * whose dialer died before it ended is closed when its lease ran out (the {@code CallEnded} with
 * {@code lease_expired} campaign-service emits), or by a lost-call settlement ({@code ContactSettled}
 * for that call id), and one with none of these stays open, which counts against I1 and I4. A call initiated
 * and then skipped or released without an outcome (its command came back after a dialer crash and
 * was found expired) was never placed: it is not an attempt.
 *
 * <p>I2's legal hours and I9 read the jurisdiction rules file ({@link CallingRules}) and locate each
 * callee with libphonenumber ({@link CalleeLocation}), apart from campaign-service's code, so that
 * they check its eligibility rules rather than repeat them.
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
        /** The call's end: its dialer's CallEnded, else the instant its lease ran out. */
        Instant endedAt;
        /** What its dialer reported ({@code CallEnded} other than a lease's). */
        Instant dialerEndedAt;
        /** When its lease ran out, if campaign-service gave it up ({@code CallEnded} with {@code lease_expired}). */
        Instant leaseExpiredAt;
        Instant settledAt;
        CallOutcome outcome;
        int attemptEnds;
        int rings;
        Instant skippedAt;
        boolean released;
        String contactId;
        String toNumber;

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

    /**
     * How long after a do-not-call entry's {@code createdAt} a call may still have been initiated:
     * createdAt is the add's transaction time and the add returns at commit, so a claim in between
     * rightly missed it; and the dialer's clock stamps initiatedAt, PostgreSQL's createdAt.
     */
    static final Duration DNC_ADD_GRACE = Duration.ofSeconds(1);
    /**
     * How much later than its lease's end a dialer's own CallEnded may be stamped: the dialer's wall
     * clock stamps the one, campaign-service's the other (the dialer's own deadline is on its
     * monotonic clock and ends first).
     */
    static final Duration LEASE_CLOCK_TOLERANCE = Duration.ofSeconds(1);
    /** The rolling day of the jurisdictions' caps: an attempt counts until 24 h after it. */
    static final Duration ROLLING_DAY = Duration.ofHours(24);
    /** Contacts read from the API at once. */
    private static final int CONTACT_READERS = 16;

    /** One attempt as I9 needs it: the number dialed (E.164), when, and the lowest cap that applied. */
    private record Dial(String campaign, String callId, String number, Instant at, Integer cap, String capRule) {
    }

    /** The team's do-not-call list as {@code GET /api/crm/dnc} pages it, or why it was not read. */
    public record DncList(List<JsonNode> numbers, String notChecked) {

        public static DncList of(List<JsonNode> numbers) {
            return new DncList(List.copyOf(numbers), null);
        }

        public static DncList notChecked(String why) {
            return new DncList(List.of(), why);
        }
    }

    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private final CallingRules rules;
    /** Each called contact as the API returns it, by contact id; a missing one is located by its number alone. */
    private final Map<String, JsonNode> contacts;
    private final Map<String, CalleeLocation> locations = new HashMap<>();
    private final List<Dial> dials = new ArrayList<>();
    private int campaigns;
    private long calls;
    /** The highest concurrency of any campaign checked, shown beside I1 with that campaign's cap. */
    private int peakConcurrency;
    private long windowChecks;
    private long legalHourChecks;
    private long noLegalHours;
    private long locatedByNumberOnly;
    private long leasesExpired;

    private InvariantChecker(CallingRules rules, Map<String, JsonNode> contacts) {
        this.rules = rules;
        this.contacts = contacts;
        verdicts.put("I1", new Verdict("I1 concurrency", "calls in progress never above maxConcurrentCalls"));
        verdicts.put("I2", new Verdict("I2 window", "no call initiated outside the calling window nor the callee's legal hours"));
        verdicts.put("I3", new Verdict("I3 attempts", "no two calls in flight per contact, at most 1 + maxRetries attempts"));
        verdicts.put("I4", new Verdict("I4 no loss", "a completed campaign has every contact terminal and every call ended"));
        verdicts.put("I5", new Verdict("I5 counters", "API counters equal a recount from the call records"));
        verdicts.put("I8", new Verdict("I8 leases",
                "a contact dialed again only after its previous call ended or its lease ran out; no call kept past its lease"));
        verdicts.put("I9", new Verdict("I9 suppression",
                "no call to a number after its do-not-call add, no number above its cap in a rolling 24 h"));
    }

    /** A campaign as the API reports it at the end: its fields and its contacts' statusCounts. */
    public record CampaignState(JsonNode campaign, JsonNode statusCounts) {
    }

    /** Checks the given campaigns (every campaign the key sees that has call events, when empty). */
    public static InvariantChecker check(String bootstrapServers, CampaignApi api, List<String> campaignIds) throws Exception {
        return check(bootstrapServers, api, campaignIds, CallingRules.bundled());
    }

    static InvariantChecker check(String bootstrapServers, CampaignApi api, List<String> campaignIds, CallingRules rules)
            throws Exception {
        EventTopics topics = new EventTopics(bootstrapServers);
        List<CallEvent> callEvents = new ArrayList<>();
        // Decoded as read: a million-contact run's records would not fit in memory as records.
        topics.forEachToEnd(Topics.CALL_EVENTS, Duration.ofMinutes(5),
                record -> callEvents.add((CallEvent) CloudEventHeaders.read(record.headers(), record.value()).event()));
        List<ContactSettled> settlements = new ArrayList<>();
        topics.forEachToEnd(Topics.CONTACT_OUTCOMES, Duration.ofMinutes(5), record -> {
            if (CloudEventHeaders.read(record.headers(), record.value()).event() instanceof ContactSettled s) {
                settlements.add(s);
            }
        });
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
        Set<String> checkedIds = new HashSet<>();
        campaigns.forEach(c -> checkedIds.add(c.campaign().get("id").asText()));
        Set<String> contactIds = new HashSet<>();
        for (CallEvent event : callEvents) {
            if (event instanceof CallInitiated e && checkedIds.contains(e.campaignId()) && e.contactId() != null) {
                contactIds.add(e.contactId());
            }
        }
        return evaluate(callEvents, settlements, campaigns, readContacts(api, contactIds), readDnc(api),
                rules.withTeamCap(readTeamCap(api)));
    }

    /**
     * Each contact by id, read once, {@value #CONTACT_READERS} at a time; one the API no longer has
     * (deleted) is left out and located by the number it was called on.
     */
    static Map<String, JsonNode> readContacts(CampaignApi api, Set<String> contactIds) throws Exception {
        Map<String, JsonNode> out = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(CONTACT_READERS);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : contactIds) {
                reads.add(readers.submit(() -> {
                    JsonNode contact = withRetries(() -> api.getIfFound("/api/crm/contacts/" + id));
                    if (contact != null) {
                        out.put(id, contact);
                    }
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            readers.shutdownNow();
        }
        return out;
    }

    /** The team's do-not-call list, 500 a page; not checked when the API has no such endpoint (404). */
    /** The team's own cap on attempts per number (GET /api/crm/settings); null when it has none or no such endpoint. */
    static Integer readTeamCap(CampaignApi api) throws Exception {
        JsonNode settings = withRetries(() -> api.getIfFound("/api/crm/settings"));
        JsonNode cap = settings == null ? null : settings.get("maxAttemptsPer24h");
        return cap == null || cap.isNull() ? null : cap.asInt();
    }

    static DncList readDnc(CampaignApi api) throws Exception {
        List<JsonNode> numbers = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            String path = "/api/crm/dnc?limit=500&offset=" + offset;
            JsonNode page = withRetries(() -> api.getIfFound(path));
            if (page == null) {
                return DncList.notChecked("GET /api/crm/dnc answered 404");
            }
            page.path("numbers").forEach(numbers::add);
            if (page.path("numbers").isEmpty() || numbers.size() >= page.path("total").asLong()) {
                return DncList.of(numbers);
            }
        }
    }

    private interface Read {
        JsonNode get() throws Exception;
    }

    /** A read that failed for a passing reason (a timeout, a 5xx while a service restarts) is tried twice more. */
    private static JsonNode withRetries(Read read) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (IOException | IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    /** The verdicts for these campaigns, from every call event and contact settlement read; no contact data nor DNC list. */
    public static InvariantChecker evaluate(List<CallEvent> callEvents, List<ContactSettled> settlements,
            List<CampaignState> campaigns) {
        return evaluate(callEvents, settlements, campaigns, Map.of(), DncList.notChecked("no do-not-call list given"),
                CallingRules.bundled());
    }

    /**
     * The verdicts for these campaigns, from every call event and contact settlement read, the called
     * contacts by id (as the API returns them) and the team's do-not-call list.
     */
    public static InvariantChecker evaluate(List<CallEvent> callEvents, List<ContactSettled> settlements,
            List<CampaignState> campaigns, Map<String, JsonNode> contacts, DncList dnc) {
        return evaluate(callEvents, settlements, campaigns, contacts, dnc, CallingRules.bundled());
    }

    static InvariantChecker evaluate(List<CallEvent> callEvents, List<ContactSettled> settlements,
            List<CampaignState> campaigns, Map<String, JsonNode> contacts, DncList dnc, CallingRules rules) {
        Map<String, Map<String, Call>> byCampaign = new TreeMap<>();
        for (CallEvent event : callEvents) {
            Call call = byCampaign.computeIfAbsent(event.campaignId(), k -> new HashMap<>())
                    .computeIfAbsent(event.callId(), id -> new Call());
            call.id = event.callId();
            if (event instanceof CallInitiated e) {
                call.member = e.campaignContactId();
                call.contactId = e.contactId();
                call.toNumber = e.toNumber();
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
            } else if (event instanceof CallEnded e && e.claimNotHeld()) {
                // The ending of a dialer that never held the claim: like a skip, it ends nothing of a
                // call held elsewhere and decides no outcome (as in call-result-service).
                call.member = e.campaignContactId();
                if (call.skippedAt == null) {
                    call.skippedAt = e.endedAt();
                }
            } else if (event instanceof CallEnded e) {
                call.member = e.campaignContactId();
                if (CallEnded.LEASE_EXPIRED.equals(e.endReason())) {
                    if (call.leaseExpiredAt == null) {
                        call.leaseExpiredAt = e.endedAt();
                    }
                } else if (e.outcome().isAttempt()) {
                    call.attemptEnds++;
                    if (call.dialerEndedAt == null) {
                        call.dialerEndedAt = e.endedAt();
                    }
                } else if (call.dialerEndedAt == null && call.leaseExpiredAt == null) {
                    // not_dialed: nothing was placed. After a lease ran out it is the refusal of a
                    // redelivered command (not_current), not the call kept: it ends nothing later.
                    call.dialerEndedAt = e.endedAt();
                }
                if (call.outcome == null) {
                    call.outcome = e.outcome(); // the first ending decides, as it does in call-result-service
                }
                call.endedAt = call.dialerEndedAt != null ? call.dialerEndedAt : call.leaseExpiredAt;
            }
        }
        Map<String, Map<String, ContactSettled>> settled = new HashMap<>();
        for (ContactSettled s : settlements) {
            // A release without an outcome (a skip, a claim not held) gives way to the call's own settlement.
            settled.computeIfAbsent(s.campaignId(), k -> new HashMap<>()).merge(s.callId(), s,
                    (first, later) -> first.settlement() == ContactSettled.Settlement.RELEASED && first.outcome() == null ? later : first);
        }
        InvariantChecker checker = new InvariantChecker(rules, contacts);
        for (CampaignState state : campaigns) {
            String id = state.campaign().get("id").asText();
            checker.checkCampaign(state.campaign(), state.statusCounts(), byCampaign.getOrDefault(id, Map.of()),
                    settled.getOrDefault(id, Map.of()));
        }
        checker.checkSuppression(dnc);
        checker.describeI2();
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
            windowChecks++;
            if (!window.isOpenAt(c.initiatedAt)) {
                i2.violation(id + ": call " + c.id + " initiated at " + c.initiatedAt + " outside " + window);
            }
        }

        // I2 legal hours, and what I9 needs of each attempt: every rule that applies at the callee's
        // location (the default and its subdivisions') must hold in every zone it may be in.
        Optional<CallingRules.RuleSet> ruleSet = rules.forCampaign(campaign);
        for (Call c : attempts) {
            JsonNode contact = c.contactId == null ? null : contacts.get(c.contactId);
            if (contact == null) {
                locatedByNumberOnly++;
            }
            String number = c.toNumber != null ? c.toNumber : text(contact, "phone");
            CalleeLocation where = locate(number, text(contact, "timezone"), text(contact, "state"));
            List<CallingRules.Rule> applicable = ruleSet.map(r -> r.applicableTo(where.subdivisions())).orElse(List.of());
            CallingRules.Rule capRule = applicable.stream().filter(r -> r.maxAttemptsPer24h() != null)
                    .min((a, b) -> Integer.compare(a.maxAttemptsPer24h(), b.maxAttemptsPer24h())).orElse(null);
            Integer numberCap = capRule == null ? null : capRule.maxAttemptsPer24h();
            String capSource = capRule == null ? null : capRule.jurisdiction();
            if (rules.teamCap != null && (numberCap == null || rules.teamCap < numberCap)) {
                numberCap = rules.teamCap;
                capSource = "the team's own cap";
            }
            dials.add(new Dial(id, c.id, CalleeLocation.e164(number), c.initiatedAt, numberCap, capSource));
            if (applicable.isEmpty()) {
                noLegalHours++;
                continue;
            }
            i2.checked++;
            legalHourChecks++;
            String call = id + ": call " + c.id + " to " + number + " initiated at " + c.initiatedAt;
            if (!where.known()) {
                i2.violation(call + ": callee's timezone unknown (" + (where.validNumber() ? "no zone for the number"
                        : "not a valid number") + "), it should have waited");
                continue;
            }
            String breach = legalHoursBreach(applicable, where, c.initiatedAt);
            if (breach != null) {
                i2.violation(call + ": " + breach + (contact == null ? " (contact not read: located by number)" : ""));
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

        // I8: the next call of a contact starts only once the previous one ended or its lease ran out,
        // and a dialer never reports a call ending after its lease ran out.
        Verdict i8 = verdicts.get("I8");
        for (List<Call> list : byMember.values()) {
            for (int i = 1; i < list.size(); i++) {
                Call previous = list.get(i - 1);
                Instant freed = earliest(previous.dialerEndedAt, previous.leaseExpiredAt);
                i8.checked++;
                if (freed == null || list.get(i).initiatedAt.isBefore(freed)) {
                    i8.violation(id + ": call " + list.get(i).id + " initiated at " + list.get(i).initiatedAt
                            + " before its contact's previous call ended or lost its lease: " + previous.describe());
                }
            }
        }
        for (Call c : attempts) {
            if (c.leaseExpiredAt == null) {
                continue;
            }
            leasesExpired++;
            i8.checked++;
            if (c.dialerEndedAt != null && c.dialerEndedAt.isAfter(c.leaseExpiredAt.plus(LEASE_CLOCK_TOLERANCE))) {
                i8.violation(id + ": call " + c.id + " kept " + Duration.between(c.leaseExpiredAt, c.dialerEndedAt).toMillis()
                        + " ms after its lease ran out at " + c.leaseExpiredAt);
            }
        }
        i8.detail = leasesExpired + " calls given up when their lease ran out";

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

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The first rule and zone whose legal hours exclude {@code at}, described; null when all hold. */
    private static String legalHoursBreach(List<CallingRules.Rule> applicable, CalleeLocation where, Instant at) {
        for (CallingRules.Rule rule : applicable) {
            for (ZoneId zone : where.zones()) {
                if (!rule.isOpenAt(at, zone)) {
                    return at.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.SECONDS) + " " + zone + ", outside "
                            + rule.jurisdiction() + " " + rule.hours() + (where.zones().size() > 1 ? " (number spans " + where.zones() + ")" : "");
                }
            }
        }
        return null;
    }

    private CalleeLocation locate(String number, String timezone, String state) {
        return locations.computeIfAbsent(number + "|" + timezone + "|" + state, k -> CalleeLocation.of(number, timezone, state));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /**
     * I9 across every campaign checked: (a) no attempt at a number after its do-not-call add; (b) at
     * each attempt, the attempts at its number in the rolling 24 h up to it (this one included) within
     * the lowest cap of the jurisdictions that applied to it, whatever campaign placed them (the caps
     * are per number, across the team's campaigns).
     */
    private void checkSuppression(DncList dnc) {
        Verdict i9 = verdicts.get("I9");
        List<String> detail = new ArrayList<>();
        if (dnc.notChecked() != null) {
            detail.add("do-not-call not checked (" + dnc.notChecked() + ")");
        } else {
            Map<String, Instant> added = new HashMap<>();
            for (JsonNode entry : dnc.numbers()) {
                added.merge(CalleeLocation.e164(entry.get("number").asText()), instant(entry.get("createdAt").asText()),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
            for (Dial dial : dials) {
                i9.checked++;
                Instant at = added.get(dial.number());
                if (at != null && dial.at().isAfter(at.plus(DNC_ADD_GRACE))) {
                    i9.violation(dial.campaign() + ": call " + dial.callId() + " to " + dial.number() + " initiated at "
                            + dial.at() + ", after its do-not-call add at " + at);
                }
            }
            detail.add("do-not-call: " + dials.size() + " attempts against " + added.size() + " listed numbers");
        }
        Map<String, List<Dial>> byNumber = new HashMap<>();
        dials.stream().filter(d -> d.number() != null)
                .forEach(d -> byNumber.computeIfAbsent(d.number(), k -> new ArrayList<>()).add(d));
        long capped = 0;
        for (List<Dial> list : byNumber.values()) {
            list.sort((a, b) -> a.at().compareTo(b.at()));
            int from = 0;
            for (int i = 0; i < list.size(); i++) {
                Dial dial = list.get(i);
                while (!list.get(from).at().plus(ROLLING_DAY).isAfter(dial.at())) {
                    from++;
                }
                if (dial.cap() == null) {
                    continue;
                }
                capped++;
                i9.checked++;
                int inDay = i - from + 1;
                if (inDay > dial.cap()) {
                    i9.violation(dial.campaign() + ": call " + dial.callId() + " to " + dial.number() + " at " + dial.at()
                            + " is attempt " + inDay + " in 24 h, " + dial.capRule() + " allows " + dial.cap() + ": "
                            + list.subList(from, i + 1).stream().map(d -> d.at().toString()).toList());
                }
            }
        }
        detail.add("caps: " + capped + " attempts under a jurisdiction's or the team's cap");
        i9.detail = String.join(", ", detail);
    }

    private void describeI2() {
        verdicts.get("I2").detail = "window " + windowChecks + ", legal hours " + legalHourChecks
                + (noLegalHours > 0 ? " (" + noLegalHours + " calls under profile none)" : "")
                + (locatedByNumberOnly > 0 ? ", " + locatedByNumberOnly + " calls located by number only (contact not read)" : "")
                + ", rules " + rules.version;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
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
                "checked", v.checked, "examples", v.examples, "detail", v.detail)));
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
        CallingRules rules = options.get("rules", "").isBlank() ? CallingRules.bundled()
                : CallingRules.read(Path.of(options.get("rules", "")));
        InvariantChecker checker = check(options.required("kafka"), api, ids, rules);
        System.out.print(checker.report());
        System.exit(checker.passed() ? 0 : 1);
    }
}
