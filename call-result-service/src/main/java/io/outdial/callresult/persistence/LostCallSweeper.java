package io.outdial.callresult.persistence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallOutcome;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The far backstop behind leases: settles calls that were initiated and never ended as
 * {@code error} with end reason {@code lost}. A dead dialer's calls are given up within one lease
 * by campaign-service ({@code lease_expired}); this sweep (70 minutes by default) settles only what
 * leases cannot see, such as a call whose dialer died between its CallInitiated and its claim
 * (no lease was ever granted), so that no call record stays open.
 * The attempt counts, so a crash can cost an attempt but never duplicates a call; the synthetic
 * event id makes each sweep of a call apply once.
 */
@ApplicationScoped
public class LostCallSweeper {

    @Inject
    Pool pool;

    @Inject
    CallFold fold;

    @Inject
    Clock clock;

    @ConfigProperty(name = "outdial.calls.lost-after")
    Duration lostAfter;

    @Scheduled(every = "${outdial.calls.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        var cutoff = clock.instant().minus(lostAfter);
        return pool.preparedQuery("""
                SELECT id, campaign_id, campaign_contact_id, contact_id, attempt FROM calls
                 WHERE NOT settled AND campaign_contact_id IS NOT NULL AND status IN ('initiated', 'ringing', 'in_progress') AND initiated_at < $1
                 ORDER BY initiated_at LIMIT 500
                """).execute(Tuple.of(cutoff.atOffset(java.time.ZoneOffset.UTC))).flatMap(rows -> {
            List<Uni<Void>> settles = new ArrayList<>();
            rows.forEach(r -> {
                String callId = r.getUUID("id").toString();
                CallEnded lost = new CallEnded(callId, r.getUUID("campaign_id").toString(),
                        r.getUUID("campaign_contact_id").toString(), r.getUUID("contact_id").toString(),
                        r.getInteger("attempt"), CallOutcome.ERROR, "lost", clock.instant(), 0, 0, null);
                settles.add(fold.apply("lost:" + callId, lost));
            });
            return settles.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(settles).andFailFast().replaceWithVoid();
        });
    }
}
