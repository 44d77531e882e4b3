package io.outdial.campaign.messaging.in;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.campaign.messaging.out.Dispatcher;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.ContactSettled;
import io.outdial.platform.inbox.ProcessedEvents;
import io.outdial.platform.outbox.OutboxWriter;
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

    private final Pool pool;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final ProcessedEvents processed;

    @Inject
    public ContactSettledConsumer(Pool pool, OutboxWriter outbox, Clock clock, Dispatcher dispatcher,
            ProcessedEvents processed) {
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.processed = processed;
    }

    @Incoming(Topics.CONTACT_OUTCOMES)
    public Uni<Void> onSettled(ConsumerRecord<String, String> record) {
        var envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!(envelope.event() instanceof ContactSettled settled)) {
            throw new IllegalArgumentException("not a contact outcome: " + envelope.type());
        }
        return pool.withTransaction(tx -> processed.firstTime(tx, envelope.id())
                .flatMap(fresh -> fresh ? apply(tx, settled) : Uni.createFrom().voidItem()))
                // A credit may have come back: release the next command at once rather than at the next tick.
                .call(() -> dispatcher.release(UUID.fromString(settled.campaignId()))
                        .onFailure().recoverWithNull());
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
        return updated.flatMap(n -> n == 0 ? Uni.createFrom().voidItem()
                : completeIfAllTerminal(tx, UUID.fromString(s.campaignId())));
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
