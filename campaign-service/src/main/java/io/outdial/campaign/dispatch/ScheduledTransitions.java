package io.outdial.campaign.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The feeder timer's set-based status changes: one statement each, with their events in the same transaction. */
@ApplicationScoped
public class ScheduledTransitions {

    private final Pool pool;
    private final OutboxWriter outbox;

    public ScheduledTransitions(Pool pool, OutboxWriter outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Scheduled campaigns whose start time has come begin running. */
    public Uni<Void> startDue(Instant now) {
        return transitionAll("""
                UPDATE campaigns SET status = 'running', started_at = COALESCE(started_at, $1), updated_at = now()
                 WHERE status = 'scheduled' AND scheduled_start_at <= $1 AND deleted_at IS NULL
                RETURNING *
                """, "scheduled", now);
    }

    /** Running campaigns whose run budget is spent pause once none of their calls is in flight. */
    public Uni<Void> pauseSpentRuns(Instant now) {
        return transitionAll("""
                UPDATE campaigns c SET status = 'paused', pause_reason = 'run_limit_reached', updated_at = now()
                 WHERE c.status = 'running' AND c.run_calls_left = 0 AND $1::timestamptz IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM campaign_contacts cc WHERE cc.campaign_id = c.id
                                    AND cc.status IN ('queued', 'calling'))
                RETURNING *
                """, "running", now);
    }

    public Uni<List<UUID>> runningCampaigns() {
        return pool.query("SELECT id FROM campaigns WHERE status = 'running' AND deleted_at IS NULL").execute().map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getUUID("id")));
            return ids;
        });
    }

    private Uni<Void> transitionAll(String sql, String previous, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery(sql).execute(Tuple.of(Rows.timestamp(now))).flatMap(rows -> {
            List<CampaignStatusChanged> changes = new ArrayList<>();
            rows.forEach(c -> changes.add(DispatchCampaign.dialing(c).statusChanged(previous, now)));
            return outbox.append(tx, changes);
        }));
    }
}
