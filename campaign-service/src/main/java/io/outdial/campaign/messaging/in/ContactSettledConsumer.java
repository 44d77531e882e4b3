package io.outdial.campaign.messaging.in;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.outdial.campaign.messaging.out.Dispatcher;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.ContactSettled;
import io.outdial.platform.EventBatch;
import io.outdial.platform.inbox.ProcessedEvents;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies contact outcomes: the contact leaves {@code queued}/{@code calling} (freeing its credit)
 * for pending (retry or released) or its final status. A settlement for a call id that is no
 * longer the contact's current one changes nothing; an event id is applied once, ever.
 */
@ApplicationScoped
public class ContactSettledConsumer {

    private static final Logger LOG = Logger.getLogger(ContactSettledConsumer.class);

    private final Pool pool;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final ProcessedEvents processed;
    private final Emitter<String> deadLetters;

    @Inject
    public ContactSettledConsumer(Pool pool, OutboxWriter outbox, Clock clock, Dispatcher dispatcher,
            ProcessedEvents processed,
            @Channel(Topics.CONTACT_OUTCOMES + Topics.DLQ_SUFFIX) Emitter<String> deadLetters) {
        this.deadLetters = deadLetters;
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.processed = processed;
    }

    /**
     * A batch of outcomes in one transaction, then one release per campaign touched: a batch costs
     * two commits however large it is. A batch that fails is retried, then applied record by record
     * so that only a record that cannot be applied is dead-lettered.
     */
    @Incoming(Topics.CONTACT_OUTCOMES)
    public Uni<Void> onSettled(ConsumerRecords<String, String> records) {
        EventBatch batch = EventBatch.read(records, ContactSettled.class, deadLetters);
        if (batch.envelopes().isEmpty()) {
            return batch.deadLettered();
        }
        Set<UUID> campaigns = new LinkedHashSet<>();
        batch.envelopes().forEach(e -> campaigns.add(UUID.fromString(e.event().campaignId())));
        return batch.deadLettered().flatMap(ok -> pool.withTransaction(tx -> Multi.createFrom().iterable(batch.envelopes())
                        .onItem().transformToUniAndConcatenate(e -> applyOnce(tx, e))
                        .collect().last()
                        .flatMap(done -> Multi.createFrom().iterable(campaigns)
                                .onItem().transformToUniAndConcatenate(campaign -> completeIfAllTerminal(tx, campaign))
                                .collect().last()))
                .replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d contact outcomes failed (%s): applying them one by one", batch.envelopes().size(), failure);
                    return batch.oneByOne(e -> pool.withTransaction(tx -> applyOnce(tx, e)
                            .flatMap(applied -> completeIfAllTerminal(tx, UUID.fromString(e.event().campaignId())))));
                }))
                // Credits may have come back: release the next commands at once rather than at the next tick.
                .call(() -> Multi.createFrom().iterable(campaigns)
                        .onItem().transformToUniAndConcatenate(campaign -> dispatcher.release(campaign).onFailure().recoverWithNull())
                        .collect().last());
    }

    private Uni<Void> applyOnce(SqlClient tx, EventEnvelope envelope) {
        return processed.firstTime(tx, envelope.id())
                .flatMap(fresh -> fresh ? apply(tx, (ContactSettled) envelope.event()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> apply(SqlClient tx, ContactSettled s) {
        UUID member = UUID.fromString(s.campaignContactId());
        UUID callId = UUID.fromString(s.callId());
        String outcome = s.outcome() == null ? null : s.outcome().wireName();
        Uni<Integer> updated = switch (s.settlement()) {
            case RETRY -> update(tx, """
                    UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL, command_expires_at = NULL,
                           outcome = $3, next_attempt_at = $4
                     WHERE id = $1 AND current_call_id = $2 AND status IN ('queued', 'calling')
                    """, Tuple.of(member, callId, outcome, Rows.timestamp(s.nextAttemptAt())));
            case RELEASED -> update(tx, """
                    UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL, command_expires_at = NULL
                     WHERE id = $1 AND current_call_id = $2 AND status IN ('queued', 'calling')
                    """, Tuple.of(member, callId));
            case DONE -> update(tx, """
                    UPDATE campaign_contacts SET status = $3, outcome = $4, completed_at = $5, next_attempt_at = NULL,
                           command_expires_at = NULL
                     WHERE id = $1 AND current_call_id = $2 AND status IN ('queued', 'calling')
                    """, Tuple.of(member, callId, s.finalStatus(), outcome, Rows.timestamp(s.settledAt())));
        };
        return updated.replaceWithVoid();
    }

    private static Uni<Integer> update(SqlClient tx, String sql, Tuple args) {
        return tx.preparedQuery(sql).execute(args).map(rows -> rows.rowCount());
    }

    /** A running campaign whose contacts are all terminal is completed. */
    private Uni<Void> completeIfAllTerminal(SqlClient tx, UUID campaignId) {
        return tx.preparedQuery("""
                UPDATE campaigns SET status = 'completed', completed_at = now(), updated_at = now()
                 WHERE id = $1 AND status = 'running'
                   AND NOT EXISTS (SELECT 1 FROM campaign_contacts WHERE campaign_id = $1
                                    AND status IN ('pending', 'queued', 'calling'))
                RETURNING *
                """).execute(Tuple.of(campaignId)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            var c = rows.iterator().next();
            return outbox.append(tx, new CampaignStatusChanged(campaignId.toString(), c.getString("team_id"), "completed",
                    "running", c.getInteger("max_concurrent_calls"), c.getString("call_window_start"),
                    c.getString("call_window_end"), c.getString("call_window_timezone"), clock.instant()));
        });
    }
}
