package io.outdial.callresult.messaging.out;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.contract.events.CampaignProgress;
import io.outdial.platform.outbox.OutboxWriter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes counters that changed since their last snapshot, at most once per interval per
 * campaign (throttled), through the outbox. Snapshots carry the counters' version, so readers
 * keep the newest and ignore older or repeated ones.
 */
@ApplicationScoped
public class ProgressPublisher {

    @Inject
    Pool pool;

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    @Scheduled(every = "${outdial.progress.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> publishChanged() {
        return pool.withTransaction(tx -> tx.query("""
                SELECT * FROM campaign_stats WHERE version > published_version ORDER BY campaign_id LIMIT 500
                FOR UPDATE SKIP LOCKED
                """).execute().flatMap(rows -> {
            List<CampaignProgress> snapshots = new ArrayList<>();
            List<Tuple> published = new ArrayList<>();
            rows.forEach(r -> {
                snapshots.add(new CampaignProgress(r.getUUID("campaign_id").toString(), r.getLong("version"),
                        r.getLong("contacts_called"), r.getLong("contacts_completed"), r.getLong("contacts_answered"),
                        r.getLong("calls_in_progress"), clock.instant()));
                published.add(Tuple.of(r.getUUID("campaign_id"), r.getLong("version")));
            });
            if (published.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return outbox.append(tx, snapshots).flatMap(ok -> tx
                    .preparedQuery("UPDATE campaign_stats SET published_version = $2 WHERE campaign_id = $1")
                    .executeBatch(published)).replaceWithVoid();
        }));
    }
}
