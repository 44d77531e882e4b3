package io.outdial.campaign.messaging.in;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.outdial.campaign.domain.CampaignLimits;
import io.outdial.campaign.domain.ConfigErrorStreak;
import io.outdial.campaign.messaging.out.Dispatcher;
import io.outdial.campaign.persistence.Rows;
import io.outdial.campaign.persistence.StatusChanges;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallOutcome;
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
        return batch.deadLettered().flatMap(ok -> pool.withTransaction(tx -> {
                    Map<UUID, List<CallOutcome>> applied = new HashMap<>();
                    return Multi.createFrom().iterable(batch.envelopes())
                            .onItem().transformToUniAndConcatenate(e -> applyOnce(tx, e, applied))
                            .collect().last()
                            .flatMap(done -> Multi.createFrom().iterable(campaigns)
                                    .onItem().transformToUniAndConcatenate(campaign -> afterSettlements(tx, campaign,
                                            applied.getOrDefault(campaign, List.of())))
                                    .collect().last());
                })
                .replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d contact outcomes failed (%s): applying them one by one", batch.envelopes().size(), failure);
                    return batch.oneByOne(e -> pool.withTransaction(tx -> {
                        Map<UUID, List<CallOutcome>> applied = new HashMap<>();
                        UUID campaign = UUID.fromString(e.event().campaignId());
                        return applyOnce(tx, e, applied)
                                .flatMap(done -> afterSettlements(tx, campaign, applied.getOrDefault(campaign, List.of())));
                    }));
                }))
                // Credits may have come back: release the next commands at once rather than at the next tick.
                .call(() -> Multi.createFrom().iterable(campaigns)
                        .onItem().transformToUniAndConcatenate(campaign -> dispatcher.release(campaign).onFailure().recoverWithNull())
                        .collect().last());
    }

    /** Applies a settlement unless its event was applied before; records the outcome of an applied attempt. */
    private Uni<Void> applyOnce(SqlClient tx, EventEnvelope envelope, Map<UUID, List<CallOutcome>> applied) {
        ContactSettled s = (ContactSettled) envelope.event();
        return processed.firstTime(tx, envelope.id())
                .flatMap(fresh -> fresh ? apply(tx, s) : Uni.createFrom().item(false))
                .invoke(changed -> {
                    if (changed && s.outcome() != null && s.settlement() != ContactSettled.Settlement.RELEASED) {
                        applied.computeIfAbsent(UUID.fromString(s.campaignId()), c -> new ArrayList<>()).add(s.outcome());
                    }
                })
                .replaceWithVoid();
    }

    /** Whether the settlement moved the contact (it was the contact's current call). */
    private Uni<Boolean> apply(SqlClient tx, ContactSettled s) {
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
        return updated.map(n -> n > 0);
    }

    private Uni<Void> afterSettlements(SqlClient tx, UUID campaign, List<CallOutcome> attempts) {
        return followStreak(tx, campaign, attempts).flatMap(ok -> completeIfAllTerminal(tx, campaign));
    }

    /** Counts config_error outcomes in a row; at the limit a running campaign pauses until a person resumes it. */
    private Uni<Void> followStreak(SqlClient tx, UUID campaign, List<CallOutcome> attempts) {
        ConfigErrorStreak.Change change = ConfigErrorStreak.of(attempts);
        if (change.changesNothing()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                UPDATE campaigns SET config_error_streak = CASE WHEN $2 THEN $3 ELSE config_error_streak + $3 END
                 WHERE id = $1 AND (config_error_streak > 0 OR $3 > 0)
                RETURNING config_error_streak
                """).execute(Tuple.of(campaign, change.reset(), change.add())).flatMap(rows -> {
            if (rows.size() == 0 || !ConfigErrorStreak.pauses(rows.iterator().next().getInteger(0))) {
                return Uni.createFrom().voidItem();
            }
            return tx.preparedQuery("""
                    UPDATE campaigns SET status = 'paused', pause_reason = 'config_error_streak', updated_at = now()
                     WHERE id = $1 AND status = 'running'
                    RETURNING *
                    """).execute(Tuple.of(campaign)).flatMap(paused -> {
                if (paused.size() == 0) {
                    return Uni.createFrom().voidItem();
                }
                LOG.warnf("campaign %s paused: %d config_error outcomes in a row", campaign, CampaignLimits.CONFIG_ERROR_STREAK_PAUSE);
                return outbox.append(tx, StatusChanges.fromRow(paused.iterator().next(), "running", clock.instant()));
            });
        });
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
            return outbox.append(tx, StatusChanges.fromRow(rows.iterator().next(), "running", clock.instant()));
        });
    }
}
