package io.outdial.callresult.persistence;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.callresult.domain.RetryPolicy;
import io.outdial.callresult.domain.Tally;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.contract.events.ContactSettled;
import io.outdial.contract.events.RetryRule;
import io.outdial.platform.inbox.ProcessedEvents;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies one call event, once ever: the event id is recorded first, in the same transaction as
 * the call record, the contact's fate ({@code ContactSettled} to the outbox) and the counters.
 */
@ApplicationScoped
public class CallFold {

    @Inject
    Pool pool;

    @Inject
    CallRecordRepository calls;

    @Inject
    OutboxWriter outbox;

    @Inject
    ProcessedEvents processed;

    @Inject
    Clock clock;

    public Uni<Void> apply(String eventId, CallEvent event) {
        return pool.withTransaction(tx -> applyIn(tx, eventId, event));
    }

    /**
     * Applies a batch in order, in one transaction: one commit for the lot instead of one per
     * event. All or nothing, so a retry of the batch is as safe as a redelivery.
     */
    public Uni<Void> applyAll(List<EventEnvelope> envelopes) {
        return pool.withTransaction(tx -> Multi.createFrom().iterable(envelopes)
                .onItem().transformToUniAndConcatenate(e -> applyIn(tx, e.id(), (CallEvent) e.event()))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> applyIn(SqlConnection tx, String eventId, CallEvent event) {
        return processed.firstTime(tx, eventId)
                .flatMap(fresh -> fresh ? calls.apply(tx, event).flatMap(ok -> settle(tx, event)) : Uni.createFrom().voidItem());
    }

    public Uni<Void> apply(EventEnvelope envelope) {
        return apply(envelope.id(), (CallEvent) envelope.event());
    }

    private Uni<Void> settle(SqlConnection tx, CallEvent event) {
        // A skip, or the ending of a dialer that never held the claim, frees a contact still queued
        // and settles nothing: the same call may be held and in progress at another dialer (a
        // redelivered command), and the holder's ending or its lease running out must still settle it.
        if (event instanceof CallSkipped s) {
            return release(tx, s.callId(), s.campaignId(), s.campaignContactId(), s.contactId(), s.attempt(), null);
        }
        if (!(event instanceof CallEnded e)) {
            return Uni.createFrom().voidItem();
        }
        if (e.claimNotHeld()) {
            return release(tx, e.callId(), e.campaignId(), e.campaignContactId(), e.contactId(), e.attempt(), null);
        }
        // A late CallEnded after the lost-call sweep (or a second ending) settles nothing again.
        return tx.preparedQuery("UPDATE calls SET settled = true WHERE id = $1 AND NOT settled")
                .execute(Tuple.of(UUID.fromString(event.callId())))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : settleOnce(tx, e));
    }

    private Uni<Void> settleOnce(SqlConnection tx, CallEnded e) {
        if (!e.outcome().isAttempt()) {
            // The holder gives the claim back unplaced: its contact leaves the call it was in.
            return release(tx, e.callId(), e.campaignId(), e.campaignContactId(), e.contactId(), e.attempt(), e.outcome());
        }
        return tx.preparedQuery("SELECT max_retries, retry_delay_minutes, retry_rules FROM calls WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(e.callId())))
                .flatMap(rows -> {
                    Row call = rows.iterator().next();
                    // Without the rules of CallInitiated no retry is promised: the attempt is final.
                    int maxRetries = call.getInteger("max_retries") == null ? 0 : call.getInteger("max_retries");
                    int delay = call.getInteger("retry_delay_minutes") == null ? 0 : call.getInteger("retry_delay_minutes");
                    var rules = call.getValue("retry_rules") instanceof JsonObject json ? RetryRule.rulesFromJson(json.encode())
                            : java.util.Map.<String, RetryRule>of();
                    var decision = RetryPolicy.decide(e.outcome(), e.attempt(), maxRetries, delay, rules, e.endedAt());
                    boolean done = decision.settlement() == Settlement.DONE;
                    boolean answered = e.outcome() == CallOutcome.ANSWERED;
                    return count(tx, e, done, answered)
                            .flatMap(ok -> outbox.append(tx, new ContactSettled(e.callId(), e.campaignId(),
                                    e.campaignContactId(), e.contactId(), e.attempt(), decision.settlement(),
                                    decision.finalStatus(), e.outcome(), decision.nextAttemptAt(), clock.instant())));
                });
    }

    /** No attempt: the contact goes back to pending, from its call only when {@code notDialed} says the holder gave it back. */
    private Uni<Void> release(SqlConnection tx, String callId, String campaignId, String memberId, String contactId, int attempt,
            CallOutcome notDialed) {
        return outbox.append(tx, new ContactSettled(callId, campaignId, memberId, contactId, attempt, Settlement.RELEASED,
                null, notDialed, null, clock.instant()));
    }

    /** Moves the contact's progress and the campaign's counters for one settled attempt. */
    private Uni<Void> count(SqlConnection tx, CallEnded e, boolean done, boolean answered) {
        UUID member = UUID.fromString(e.campaignContactId());
        UUID campaign = UUID.fromString(e.campaignId());
        return tx.preparedQuery("SELECT completed, answered FROM contact_progress WHERE campaign_contact_id = $1 FOR UPDATE")
                .execute(Tuple.of(member))
                .flatMap(rows -> {
                    boolean known = rows.size() > 0;
                    Row before = known ? rows.iterator().next() : null;
                    Tally tally = Tally.of(known, known && before.getBoolean("completed"), known && before.getBoolean("answered"),
                            done, answered);
                    return tx.preparedQuery("""
                            INSERT INTO contact_progress (campaign_contact_id, campaign_id, attempts, completed, answered)
                            VALUES ($1, $2, 1, $3, $4)
                            ON CONFLICT (campaign_contact_id) DO UPDATE SET attempts = contact_progress.attempts + 1,
                                completed = contact_progress.completed OR EXCLUDED.completed,
                                answered = contact_progress.answered OR EXCLUDED.answered
                            """).execute(Tuple.of(member, campaign, done, answered))
                            .flatMap(ok -> tx.preparedQuery("""
                                    INSERT INTO campaign_stats (campaign_id, contacts_called, contacts_completed, contacts_answered, version)
                                    VALUES ($1, $2, $3, $4, 1)
                                    ON CONFLICT (campaign_id) DO UPDATE SET
                                        contacts_called = campaign_stats.contacts_called + EXCLUDED.contacts_called,
                                        contacts_completed = campaign_stats.contacts_completed + EXCLUDED.contacts_completed,
                                        contacts_answered = campaign_stats.contacts_answered + EXCLUDED.contacts_answered,
                                        version = campaign_stats.version + 1, updated_at = now()
                                    """).execute(Tuple.of(campaign, tally.called(), tally.completed(), tally.answered())))
                            .replaceWithVoid();
                });
    }
}
