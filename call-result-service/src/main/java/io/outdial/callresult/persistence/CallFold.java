package io.outdial.callresult.persistence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.callresult.domain.ProgressTally;
import io.outdial.callresult.domain.RetryPolicy;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.contract.events.RetryRule;
import io.outdial.platform.inbox.ProcessedEvents;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies call events, each once ever: the event ids are recorded first, in the same transaction
 * as the call records, the contacts' fate ({@code ContactSettled} to the outbox) and the counters.
 * A batch costs one statement per step whatever its size, and comes out as if its events had been
 * applied one by one in order.
 */
@ApplicationScoped
public class CallFold {

    private final Pool pool;
    private final CallRecordRepository calls;
    private final ProgressCounters counters;
    private final OutboxWriter outbox;
    private final ProcessedEvents processed;
    private final Clock clock;

    public CallFold(Pool pool, CallRecordRepository calls, ProgressCounters counters, OutboxWriter outbox,
            ProcessedEvents processed, Clock clock) {
        this.pool = pool;
        this.calls = calls;
        this.counters = counters;
        this.outbox = outbox;
        this.processed = processed;
        this.clock = clock;
    }

    public Uni<Void> apply(String eventId, CallEvent event) {
        return pool.withTransaction(tx -> applyIn(tx, List.of(eventId), List.of(event)));
    }

    public Uni<Void> apply(EventEnvelope envelope) {
        return apply(envelope.id(), (CallEvent) envelope.event());
    }

    /** Applies a batch in one transaction: all or nothing, so a retry of the batch is as safe as a redelivery. */
    public Uni<Void> applyAll(List<EventEnvelope> envelopes) {
        List<String> ids = envelopes.stream().map(EventEnvelope::id).toList();
        List<CallEvent> events = envelopes.stream().map(e -> (CallEvent) e.event()).toList();
        return pool.withTransaction(tx -> applyIn(tx, ids, events));
    }

    private Uni<Void> applyIn(SqlConnection tx, List<String> ids, List<CallEvent> events) {
        return processed.firstTimes(tx, ids).flatMap(fresh -> {
            List<CallEvent> firstSeen = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (fresh.remove(ids.get(i))) {
                    firstSeen.add(events.get(i));
                }
            }
            if (firstSeen.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return calls.applyAll(tx, firstSeen).flatMap(ok -> settle(tx, firstSeen));
        });
    }

    private Uni<Void> settle(SqlConnection tx, List<CallEvent> events) {
        Set<UUID> held = new LinkedHashSet<>();
        for (CallEvent event : events) {
            if (event instanceof CallEnded e && !e.claimNotHeld()) {
                held.add(UUID.fromString(e.callId()));
            }
        }
        return settleCalls(tx, held).flatMap(settling -> {
            List<ContactSettled> outcomes = new ArrayList<>();
            List<ProgressTally.Attempt> attempts = new ArrayList<>();
            for (CallEvent event : events) {
                // A skip, or the ending of a dialer that never held the claim, frees a contact still queued
                // and settles nothing: the same call may be held and in progress at another dialer (a
                // redelivered command), and the holder's ending or its lease running out must still settle it.
                if (event instanceof CallSkipped s) {
                    outcomes.add(release(s.callId(), s.campaignId(), s.campaignContactId(), s.contactId(), s.attempt(), null));
                } else if (event instanceof CallEnded e && e.claimNotHeld()) {
                    outcomes.add(release(e.callId(), e.campaignId(), e.campaignContactId(), e.contactId(), e.attempt(), null));
                } else if (event instanceof CallEnded e) {
                    // Only the first ending of a call settles it: a late one after the lost-call sweep, or a second one, settles nothing.
                    Row call = settling.remove(UUID.fromString(e.callId()));
                    if (call != null) {
                        outcomes.add(settleOnce(e, call, attempts));
                    }
                }
            }
            return counters.count(tx, attempts).flatMap(ok -> outbox.append(tx, outcomes));
        });
    }

    /** Marks the calls settled that were not yet; emits each one's retry rules by its id. */
    private static Uni<Map<UUID, Row>> settleCalls(SqlConnection tx, Set<UUID> callIds) {
        if (callIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                UPDATE calls SET settled = true WHERE id = ANY($1) AND NOT settled
                RETURNING id, max_retries, retry_delay_minutes, retry_rules
                """).execute(Tuple.of(callIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Row> settling = new HashMap<>();
                    rows.forEach(row -> settling.put(row.getUUID("id"), row));
                    return settling;
                });
    }

    /** The contact's fate after its call's first ending; an attempt also goes into the counters. */
    private ContactSettled settleOnce(CallEnded e, Row call, List<ProgressTally.Attempt> attempts) {
        if (!e.outcome().isAttempt()) {
            // The holder gives the claim back unplaced: its contact leaves the call it was in.
            return release(e.callId(), e.campaignId(), e.campaignContactId(), e.contactId(), e.attempt(), e.outcome());
        }
        // Without the rules of CallInitiated no retry is promised: the attempt is final.
        int maxRetries = call.getInteger("max_retries") == null ? 0 : call.getInteger("max_retries");
        int delay = call.getInteger("retry_delay_minutes") == null ? 0 : call.getInteger("retry_delay_minutes");
        var rules = call.getValue("retry_rules") instanceof JsonObject json ? RetryRule.rulesFromJson(json.encode())
                : Map.<String, RetryRule>of();
        var decision = RetryPolicy.decide(e.outcome(), e.attempt(), maxRetries, delay, rules, e.endedAt());
        attempts.add(new ProgressTally.Attempt(UUID.fromString(e.campaignContactId()), UUID.fromString(e.campaignId()),
                decision.settlement() == Settlement.DONE, e.outcome() == CallOutcome.ANSWERED));
        return new ContactSettled(e.callId(), e.campaignId(), e.campaignContactId(), e.contactId(), e.attempt(),
                decision.settlement(), decision.finalStatus(), e.outcome(), decision.nextAttemptAt(), clock.instant());
    }

    /** No attempt: the contact goes back to pending, from its call only when {@code notDialed} says the holder gave it back. */
    private ContactSettled release(String callId, String campaignId, String memberId, String contactId, int attempt,
            CallOutcome notDialed) {
        return new ContactSettled(callId, campaignId, memberId, contactId, attempt, Settlement.RELEASED, null, notDialed, null,
                clock.instant());
    }
}
