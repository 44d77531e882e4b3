package io.outdial.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.CampaignEvent;
import io.outdial.contract.events.ContactSettled;

/**
 * One campaign's calls as its call events and contact outcomes tell them: which dialer placed each
 * one, when it ended and how, and when call-result-service settled it. The fault run reads from it
 * who holds calls before a kill and, afterwards, how long the campaign took to recover.
 */
final class CampaignCalls {

    /** What the events say about one call. */
    static final class Call {
        final String id;
        String dialerId;
        Instant initiatedAt;
        /** Ringing or answered: the claim was granted and the call placed. */
        boolean placed;
        /** Its dialer's {@code CallEnded}. */
        Instant dialerEndedAt;
        boolean attempt;
        /** campaign-service's {@code CallEnded} ({@code lease_expired}): the lease ran out at this instant. */
        Instant leaseExpiredAt;
        Instant skippedAt;
        /** call-result-service's {@code ContactSettled}, which frees the call's slot in campaign-service. */
        Instant settledAt;
        ContactSettled.Settlement settlement;

        Call(String id) {
            this.id = id;
        }

        boolean ended() {
            return dialerEndedAt != null || leaseExpiredAt != null || skippedAt != null;
        }
    }

    /** The calls a killed dialer held: those whose lease ran out after the kill. */
    record Held(int calls, Instant lastLeaseExpiredAt, Instant lastSettledAt, int unsettled) {
    }

    private final String campaign;
    private final Map<String, Call> calls = new HashMap<>();
    /** The time of the newest event read from each dialer (its own clock, this machine's). */
    private final Map<String, Instant> latestByDialer = new HashMap<>();

    CampaignCalls(String campaign) {
        this.campaign = campaign;
    }

    /** Takes in a record of the call-events or contact-outcomes topic; other campaigns' records are ignored. */
    synchronized void apply(ConsumerRecord<String, String> record) {
        CampaignEvent event;
        try {
            event = CloudEventHeaders.read(record.headers(), record.value()).event();
        } catch (RuntimeException unreadable) {
            return; // not a contract event: the checker reports those
        }
        apply(event);
    }

    synchronized void apply(CampaignEvent event) {
        if (!campaign.equals(event.campaignId())) {
            return;
        }
        if (event instanceof CallInitiated i) {
            Call c = calls.computeIfAbsent(i.callId(), Call::new);
            // A command redelivered after a crash is initiated again under the same id: the first one placed it.
            if (c.initiatedAt == null) {
                c.initiatedAt = i.initiatedAt();
                c.dialerId = i.dialerId();
            }
            seen(i.dialerId(), i.initiatedAt());
        } else if (event instanceof CallEnded e) {
            Call c = calls.computeIfAbsent(e.callId(), Call::new);
            if (e.claimNotHeld()) {
                c.skippedAt = c.skippedAt == null ? e.endedAt() : c.skippedAt; // this dialer never held the call
            } else if (CallEnded.LEASE_EXPIRED.equals(e.endReason())) {
                c.leaseExpiredAt = e.endedAt();
            } else if (c.dialerEndedAt == null) {
                c.dialerEndedAt = e.endedAt();
                c.attempt = e.outcome().isAttempt();
                seen(c.dialerId, e.endedAt());
            }
        } else if (event instanceof CallRinging r) {
            Call c = calls.computeIfAbsent(r.callId(), Call::new);
            c.placed = true;
            seen(c.dialerId, r.ringingAt());
        } else if (event instanceof CallAnswered a) {
            Call c = calls.computeIfAbsent(a.callId(), Call::new);
            c.placed = true;
            seen(c.dialerId, a.answeredAt());
        } else if (event instanceof CallSkipped s) {
            calls.computeIfAbsent(s.callId(), Call::new).skippedAt = s.skippedAt();
        } else if (event instanceof ContactSettled s && s.callId() != null) {
            Call c = calls.computeIfAbsent(s.callId(), Call::new);
            if (c.settledAt == null) {
                c.settledAt = s.settledAt();
                c.settlement = s.settlement();
            }
        }
    }

    private void seen(String dialerId, Instant at) {
        if (dialerId != null && at != null) {
            latestByDialer.merge(dialerId, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** The time of the newest event read from {@code dialerId}: how fresh this view of its calls is. */
    synchronized Optional<Instant> latestEventOf(String dialerId) {
        return Optional.ofNullable(latestByDialer.get(dialerId));
    }

    synchronized void applyAll(List<ConsumerRecord<String, String>> records) {
        records.forEach(this::apply);
    }

    /** The id of a dialer that initiated calls of the campaign, by the start of its id. */
    synchronized Optional<String> dialerId(String prefix) {
        return calls.values().stream().map(c -> c.dialerId).filter(id -> id != null && id.startsWith(prefix)).findFirst();
    }

    /**
     * Calls placed (ringing or answered) and not ended yet, by dialer id: the calls each dialer
     * holds. A call only initiated may still wait for its claim, which a dialer makes for a whole
     * batch of commands at once; killed then, its dialer held no lease on it.
     */
    synchronized Map<String, Integer> inProgressByDialer() {
        Map<String, Integer> open = new TreeMap<>();
        for (Call c : calls.values()) {
            if (c.initiatedAt != null && c.placed && !c.ended()) {
                open.merge(c.dialerId, 1, Integer::sum);
            }
        }
        return open;
    }

    /** The calls {@link #inProgressByDialer()} counts for one dialer. */
    synchronized Set<String> inProgress(String dialerId) {
        Set<String> ids = new HashSet<>();
        for (Call c : calls.values()) {
            if (c.initiatedAt != null && c.placed && !c.ended() && dialerId.equals(c.dialerId)) {
                ids.add(c.id);
            }
        }
        return ids;
    }

    /**
     * How the calls {@code ids} ended: at their lease, by their dialer before {@code killedAt} (the
     * events had not been read yet at the kill), by a dialer after it, or not at all.
     */
    synchronized Map<String, Integer> fates(Set<String> ids, Instant killedAt) {
        Map<String, Integer> fates = new TreeMap<>();
        for (String id : ids) {
            Call c = calls.get(id);
            String fate = c.leaseExpiredAt != null ? "leaseExpired"
                    : c.dialerEndedAt != null && c.dialerEndedAt.isBefore(killedAt) ? "endedBeforeKill"
                    : c.dialerEndedAt != null ? "endedAfterKill" : c.skippedAt != null ? "skipped" : "open";
            fates.merge(fate, 1, Integer::sum);
        }
        return fates;
    }

    /** The first call initiated at or after {@code from} that was placed (its claim granted). */
    synchronized Optional<Instant> firstPlacedAfter(Instant from) {
        return calls.values().stream()
                .filter(c -> c.initiatedAt != null && !c.initiatedAt.isBefore(from) && (c.attempt || c.leaseExpiredAt != null))
                .map(c -> c.initiatedAt).min(Comparator.naturalOrder());
    }

    /**
     * The first call initiated at or after {@code from} by a dialer other than {@code notBy}: the
     * campaign's dial commands read again by another member of the group.
     */
    synchronized Optional<Instant> firstInitiatedAfter(Instant from, String notBy) {
        return calls.values().stream()
                .filter(c -> c.initiatedAt != null && !c.initiatedAt.isBefore(from) && !notBy.equals(c.dialerId))
                .map(c -> c.initiatedAt).min(Comparator.naturalOrder());
    }

    /**
     * The first settlement (a retry or a final outcome, not a release) of a call initiated at or
     * after {@code from}: the whole way through dispatch, claim, dialer and call-result-service again.
     */
    synchronized Optional<Instant> firstSettledAfter(Instant from) {
        return calls.values().stream()
                .filter(c -> c.initiatedAt != null && !c.initiatedAt.isBefore(from) && c.settledAt != null
                        && c.settlement != ContactSettled.Settlement.RELEASED)
                .map(c -> c.settledAt).min(Comparator.naturalOrder());
    }

    /**
     * The calls {@code dialerId} initiated before {@code killedAt} and left to their leases, which ran
     * out after it (those that ran out before belong to an earlier fault of the same dialer).
     */
    synchronized Held held(String dialerId, Instant killedAt) {
        int count = 0;
        int unsettled = 0;
        Instant lastExpired = null;
        Instant lastSettled = null;
        for (Call c : calls.values()) {
            if (c.initiatedAt == null || !dialerId.equals(c.dialerId) || !c.initiatedAt.isBefore(killedAt)
                    || c.leaseExpiredAt == null || !c.leaseExpiredAt.isAfter(killedAt)) {
                continue;
            }
            count++;
            lastExpired = lastExpired == null || c.leaseExpiredAt.isAfter(lastExpired) ? c.leaseExpiredAt : lastExpired;
            if (c.settledAt == null) {
                unsettled++;
            } else {
                lastSettled = lastSettled == null || c.settledAt.isAfter(lastSettled) ? c.settledAt : lastSettled;
            }
        }
        return new Held(count, lastExpired, unsettled == 0 ? lastSettled : null, unsettled);
    }

    /**
     * Calls {@code dialerId} initiated before {@code killedAt} that still hold a slot: not ended,
     * or given up at their lease and not settled yet.
     */
    synchronized int unresolved(String dialerId, Instant killedAt) {
        int n = 0;
        for (Call c : calls.values()) {
            if (c.initiatedAt != null && dialerId.equals(c.dialerId) && c.initiatedAt.isBefore(killedAt)
                    && (!c.ended() || (c.leaseExpiredAt != null && c.settledAt == null))) {
                n++;
            }
        }
        return n;
    }

    static Double seconds(Instant from, Optional<Instant> to) {
        return to.map(t -> Bench.round(Duration.between(from, t).toMillis() / 1000.0)).orElse(null);
    }
}
