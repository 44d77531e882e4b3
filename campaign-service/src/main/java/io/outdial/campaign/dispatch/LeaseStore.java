package io.outdial.campaign.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.DispatchSettings;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallOutcome;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The leases on calls in progress (DESIGN 4.3). A granted claim holds its call until
 * {@code lease_until}; the dialer renews it while the call lasts. A lease that runs out settles its
 * call as lost: a {@code CallEnded} ({@code error}, {@code lease_expired}) goes out through the
 * outbox and the contact stays {@code calling}, counting against the cap, until that settlement
 * comes back. Only then may the contact be dialed again (invariant I8).
 */
@ApplicationScoped
public class LeaseStore {

    /** How many expired leases one pass settles; the next tick takes the rest. */
    static final int EXPIRY_BATCH = 1000;

    private final Pool pool;
    private final OutboxWriter outbox;
    private final DispatchSettings settings;

    public LeaseStore(Pool pool, OutboxWriter outbox, DispatchSettings settings) {
        this.pool = pool;
        this.outbox = outbox;
        this.settings = settings;
    }

    /**
     * Renews the leases of calls still held: the contact is in a call with this call id and its
     * lease has not run out. Answers the new expiry of each renewed call; a call left out is lost,
     * and its dialer hangs up.
     */
    public Uni<Map<String, Instant>> renew(List<UUID> callIds, Instant now) {
        Instant leaseUntil = now.plus(settings.lease()).truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
        return pool.preparedQuery("""
                UPDATE campaign_contacts SET lease_until = $2
                 WHERE current_call_id = ANY($1) AND status = 'calling' AND lease_until >= $3
                RETURNING current_call_id
                """).execute(Tuple.of(callIds.toArray(UUID[]::new), Rows.timestamp(leaseUntil), Rows.timestamp(now)))
                .map(rows -> {
                    Map<String, Instant> renewed = new HashMap<>();
                    rows.forEach(r -> renewed.put(r.getUUID("current_call_id").toString(), leaseUntil));
                    return renewed;
                });
    }

    /**
     * Settles calls whose lease ran out before {@code now}: each gets its {@code CallEnded}, ended
     * at the instant its lease ran out, in the transaction that marks the lease gone, so a call is
     * given up once. Replicas share the work through row locks. Answers how many were given up.
     */
    public Uni<Integer> expire(Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH expired AS (
                    SELECT id, lease_until FROM campaign_contacts
                     WHERE status = 'calling' AND lease_until < $1
                     ORDER BY lease_until LIMIT $2 FOR UPDATE SKIP LOCKED)
                UPDATE campaign_contacts cc SET lease_until = NULL
                  FROM expired
                 WHERE cc.id = expired.id
                RETURNING cc.id, cc.campaign_id, cc.contact_id, cc.current_call_id, cc.attempts, expired.lease_until AS ran_out_at
                """).execute(Tuple.of(Rows.timestamp(now), EXPIRY_BATCH)).flatMap(rows -> {
            List<CallEnded> lost = new ArrayList<>();
            rows.forEach(r -> lost.add(new CallEnded(r.getUUID("current_call_id").toString(), r.getUUID("campaign_id").toString(),
                    r.getUUID("id").toString(), r.getUUID("contact_id").toString(), r.getInteger("attempts"), CallOutcome.ERROR,
                    CallEnded.LEASE_EXPIRED, Rows.instant(r, "ran_out_at"), 0, 0, null)));
            return outbox.append(tx, lost).replaceWith(lost.size());
        }));
    }
}
