package io.outdial.campaign.messaging.out;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.outdial.campaign.persistence.DispatchStore;
import io.outdial.campaign.persistence.StatusChanges;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.DialContact;
import io.outdial.platform.outbox.OutboxRelay;
import io.outdial.platform.outbox.OutboxWriter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drives the feeder: releases dial commands when a run starts or resumes, after every contact
 * outcome (a credit came back), and on a short timer (windows opening, retries falling due).
 * The timer also starts scheduled campaigns, returns expired unclaimed commands and pauses
 * campaigns whose run budget is spent once its calls settled.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    Pool pool;

    @Inject
    DispatchStore dispatch;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    /** Releases what the campaign's credit allows now and hurries the relay. */
    public Uni<List<DialContact>> release(UUID campaignId) {
        return dispatch.release(campaignId).invoke(released -> {
            if (!released.isEmpty()) {
                relay.nudge();
            }
        });
    }

    @Scheduled(every = "${outdial.dispatch.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        return startScheduled()
                .flatMap(ok -> dispatch.returnExpired())
                .flatMap(ok -> pauseSpentRuns())
                .flatMap(ok -> pool.query("SELECT id FROM campaigns WHERE status = 'running' AND deleted_at IS NULL").execute())
                .flatMap(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        chain = chain.flatMap(ok -> release(id).replaceWithVoid());
                    }
                    return chain;
                })
                .onFailure().invoke(e -> LOG.warnf("dispatch tick failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> startScheduled() {
        return transitionAll("""
                UPDATE campaigns SET status = 'running', started_at = COALESCE(started_at, $1), updated_at = now()
                 WHERE status = 'scheduled' AND scheduled_start_at <= $1 AND deleted_at IS NULL
                RETURNING *
                """, "scheduled");
    }

    private Uni<Void> pauseSpentRuns() {
        return transitionAll("""
                UPDATE campaigns c SET status = 'paused', pause_reason = 'run_limit_reached', updated_at = now()
                 WHERE c.status = 'running' AND c.run_calls_left = 0 AND $1::timestamptz IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM campaign_contacts cc WHERE cc.campaign_id = c.id
                                    AND cc.status IN ('queued', 'calling'))
                RETURNING *
                """, "running");
    }

    private Uni<Void> transitionAll(String sql, String previous) {
        return pool.withTransaction(tx -> tx.preparedQuery(sql)
                .execute(Tuple.of(clock.instant().atOffset(java.time.ZoneOffset.UTC)))
                .flatMap((RowSet<Row> rows) -> {
                    List<CampaignStatusChanged> changes = new ArrayList<>();
                    rows.forEach(c -> changes.add(StatusChanges.fromRow(c, previous, clock.instant())));
                    return outbox.append(tx, changes);
                }));
    }
}
