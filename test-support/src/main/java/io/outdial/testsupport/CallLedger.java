package io.outdial.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.RetryRule;

/**
 * Every call of one campaign rebuilt from {@code dialer.call-events.v1}, as an integrator sees
 * them; checks invariants I1 (concurrency) and I3 (attempts) and recounts the counters (I5).
 */
public final class CallLedger {

    public static final class Call {
        public String callId;
        public String memberId;
        public Instant initiatedAt;
        public Instant endedAt;
        public CallOutcome outcome;
        public boolean answered;
    }

    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, Integer> attemptEndsPerCall = new HashMap<>();
    private final Map<String, Integer> ringsPerCall = new HashMap<>();
    private final Set<String> dialers = new TreeSet<>();

    public CallLedger(List<ConsumerRecord<String, String>> records, String campaignId) {
        for (ConsumerRecord<String, String> record : records) {
            if (!campaignId.equals(record.key())) {
                continue;
            }
            CallEvent event = (CallEvent) CloudEventHeaders.read(record.headers(), record.value()).event();
            Call call = calls.computeIfAbsent(event.callId(), id -> {
                Call c = new Call();
                c.callId = id;
                return c;
            });
            if (event instanceof CallInitiated e) {
                dialers.add(e.dialerId());
                call.memberId = e.campaignContactId();
                if (call.initiatedAt == null || e.initiatedAt().isBefore(call.initiatedAt)) {
                    call.initiatedAt = e.initiatedAt();
                }
            } else if (event instanceof io.outdial.contract.events.CallRinging) {
                ringsPerCall.merge(event.callId(), 1, Integer::sum);
            } else if (event instanceof CallAnswered) {
                call.answered = true;
            } else if (event instanceof CallEnded e) {
                if (e.outcome().isAttempt()) {
                    attemptEndsPerCall.merge(e.callId(), 1, Integer::sum);
                }
                call.memberId = e.campaignContactId();
                if (call.endedAt == null) {
                    call.endedAt = e.endedAt();
                    call.outcome = e.outcome();
                }
            }
        }
    }

    /** Calls that were attempts: initiated and ended with an outcome other than not_dialed. */
    public List<Call> attempts() {
        List<Call> out = new ArrayList<>();
        for (Call c : calls.values()) {
            if (c.initiatedAt != null && c.outcome != null && c.outcome.isAttempt()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Calls placed more than once (rung or ended as an attempt twice): a redelivered command dialed again. */
    public List<String> placedTwice() {
        List<String> out = new ArrayList<>();
        attemptEndsPerCall.forEach((id, n) -> {
            if (n > 1) {
                out.add(id);
            }
        });
        ringsPerCall.forEach((id, n) -> {
            if (n > 1) {
                out.add(id);
            }
        });
        return out;
    }

    public Set<String> callIds() {
        return calls.keySet();
    }

    public Set<String> dialers() {
        return dialers;
    }

    /** Initiations of attempts after {@code instant}. */
    public List<Call> initiatedAfter(Instant instant) {
        return calls.values().stream().filter(c -> c.initiatedAt != null && c.initiatedAt.isAfter(instant)).toList();
    }

    /** Calls initiated and never ended: a violation once the campaign completed. */
    public List<String> unended() {
        return calls.values().stream().filter(c -> c.initiatedAt != null && c.endedAt == null).map(c -> c.callId).toList();
    }

    /** The most calls in progress at any instant (I1). */
    public int peakConcurrency() {
        List<long[]> edges = new ArrayList<>();
        for (Call c : attempts()) {
            edges.add(new long[] { c.initiatedAt.toEpochMilli() * 1000 + c.initiatedAt.getNano() / 1000 % 1000, +1 });
            edges.add(new long[] { c.endedAt.toEpochMilli() * 1000 + c.endedAt.getNano() / 1000 % 1000, -1 });
        }
        // At equal instants an end is counted before a start: the slot was free.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    /** The attempts in progress together, when more than {@code cap} were: what broke I1, to name in a failure. */
    public List<String> overlapsAbove(int cap) {
        List<Call> sorted = new ArrayList<>(attempts());
        sorted.sort(java.util.Comparator.comparing(c -> c.initiatedAt));
        List<String> out = new ArrayList<>();
        for (Call c : sorted) {
            List<Call> together = sorted.stream().filter(o -> !o.initiatedAt.isAfter(c.initiatedAt) && o.endedAt.isAfter(c.initiatedAt))
                    .toList();
            if (together.size() > cap) {
                out.add(together.stream().map(o -> o.callId + " " + o.initiatedAt + " → " + o.endedAt + " " + o.outcome).toList()
                        .toString());
            }
        }
        return out.stream().limit(3).toList();
    }

    /** Attempts per campaign contact (I3). */
    public Map<String, Integer> attemptsPerContact() {
        Map<String, Integer> out = new HashMap<>();
        attempts().forEach(c -> out.merge(c.memberId, 1, Integer::sum));
        return out;
    }

    /** Contacts with two attempts overlapping in time (I3). */
    public Set<String> contactsWithOverlappingCalls() {
        Map<String, List<Call>> byContact = new HashMap<>();
        attempts().forEach(c -> byContact.computeIfAbsent(c.memberId, k -> new ArrayList<>()).add(c));
        Set<String> out = new TreeSet<>();
        byContact.forEach((member, list) -> {
            list.sort((a, b) -> a.initiatedAt.compareTo(b.initiatedAt));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).initiatedAt.isBefore(list.get(i - 1).endedAt)) {
                    out.add(member);
                }
            }
        });
        return out;
    }

    public long contactsCalled() {
        return attemptsPerContact().size();
    }

    public long contactsAnswered() {
        return attempts().stream().filter(c -> c.outcome == CallOutcome.ANSWERED).map(c -> c.memberId).distinct().count();
    }

    /**
     * Contacts that reached a final state: their last attempt ended with an outcome that is never
     * retried (answered, declined, ...), or they are out of attempts, overall or by the rule of
     * that outcome.
     */
    public long contactsCompleted(int maxAttempts, Map<String, RetryRule> rules) {
        Map<String, Call> last = new HashMap<>();
        for (Call c : attempts()) {
            last.merge(c.memberId, c, (a, b) -> a.initiatedAt.isAfter(b.initiatedAt) ? a : b);
        }
        Map<String, Integer> attempts = attemptsPerContact();
        return last.values().stream().filter(c -> {
            RetryRule rule = rules.get(c.outcome.wireName());
            int cap = rule != null && rule.maxAttempts() != null ? Math.min(maxAttempts, rule.maxAttempts()) : maxAttempts;
            return !c.outcome.isRetryable() || attempts.get(c.memberId) >= cap;
        }).count();
    }
}
