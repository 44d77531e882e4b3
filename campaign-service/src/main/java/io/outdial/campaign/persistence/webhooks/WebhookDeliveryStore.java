package io.outdial.campaign.persistence.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Webhook deliveries: the fan-out of events to endpoints (one set-based insert per batch of
 * events), the claims of due deliveries that replicas share ({@code FOR UPDATE SKIP LOCKED}), and the
 * outcome of each attempt.
 */
@ApplicationScoped
public class WebhookDeliveryStore {

    /** One event to fan out: its team when the event carries it, else its campaign's team is looked up. */
    public record Event(String eventId, String type, UUID campaignId, String teamId, Instant occurredAt, String payload) {
    }

    /** A claimed delivery, with what sending it needs. */
    public record Claimed(UUID id, UUID endpointId, String url, String secret, String payload, int attempts, Instant createdAt) {
    }

    /** What one attempt came to: an HTTP status or an error, and the next attempt (null when none). */
    public record Outcome(UUID deliveryId, UUID endpointId, int attempt, Instant attemptedAt, Integer httpStatus, String error,
            long durationMillis, Instant nextAttemptAt, boolean delivered) {
    }

    public record Attempt(int attempt, Instant attemptedAt, Integer httpStatus, String error, long durationMillis,
            Instant nextAttemptAt) {
    }

    public record Delivery(UUID id, String eventId, String eventType, String state, int attempts, Instant nextAttemptAt,
            Instant createdAt, List<Attempt> attemptList) {
    }

    public record Page(List<Delivery> deliveries, long total) {
    }

    private final Pool pool;

    public WebhookDeliveryStore(Pool pool) {
        this.pool = pool;
    }

    /** Whether any endpoint is enabled: with none, no event has anywhere to go. */
    public Uni<Boolean> anyEnabled() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * Creates one pending delivery per event and enabled endpoint of its team subscribed to its type
     * and registered before it happened. A redelivered event creates nothing (the unique key of
     * endpoint, event and type); campaigns' teams are read in the same statement, for the whole batch.
     */
    public Uni<Integer> fanOut(List<Event> events, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        UUID[] campaigns = new UUID[n];
        String[] teams = new String[n];
        java.time.OffsetDateTime[] times = new java.time.OffsetDateTime[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            ids[i] = e.eventId();
            types[i] = e.type();
            campaigns[i] = e.campaignId();
            teams[i] = e.teamId();
            times[i] = Rows.timestamp(e.occurredAt());
            payloads[i] = e.payload();
        }
        return pool.preparedQuery("""
                INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, state, next_attempt_at, created_at)
                SELECT gen_random_uuid(), w.id, m.event_id, m.event_type, m.payload, 'pending', $7, $7
                  FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[])
                       AS m(event_id, event_type, campaign_id, team_id, occurred_at, payload)
                  LEFT JOIN campaigns c ON m.team_id IS NULL AND c.id = m.campaign_id
                  JOIN webhook_endpoints w ON w.team_id = coalesce(m.team_id, c.team_id)
                       AND w.enabled AND m.event_type = ANY (w.events) AND w.created_at <= m.occurred_at
                ON CONFLICT (endpoint_id, event_id, event_type) DO NOTHING
                """).execute(Tuple.from(new Object[] { ids, types, campaigns, teams, times, payloads, Rows.timestamp(now) }))
                .map(rows -> rows.rowCount());
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled endpoints by moving their next attempt to
     * {@code leaseUntil}: should this replica die while sending, they fall due again then.
     */
    public Uni<List<Claimed>> claim(Instant now, int limit, Instant leaseUntil) {
        return pool.preparedQuery("""
                UPDATE webhook_deliveries d SET next_attempt_at = $3
                  FROM (SELECT d.id FROM webhook_deliveries d
                          JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.enabled
                         WHERE d.next_attempt_at <= $1
                         ORDER BY d.next_attempt_at
                         LIMIT $2
                           FOR UPDATE OF d SKIP LOCKED) due,
                       webhook_endpoints w
                 WHERE d.id = due.id AND w.id = d.endpoint_id
                RETURNING d.id, d.endpoint_id, w.url, w.secret, d.payload, d.attempts, d.created_at
                """).execute(Tuple.of(Rows.timestamp(now), limit, Rows.timestamp(leaseUntil))).map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Claimed(r.getUUID("id"), r.getUUID("endpoint_id"), r.getString("url"),
                            r.getString("secret"), r.getString("payload"), r.getInteger("attempts"), Rows.instant(r, "created_at"))));
                    return out;
                });
    }

    /**
     * Records an attempt and its effect in one transaction: the delivery is delivered, due again, or
     * given up (no next attempt). A success ends the endpoint's failure streak and a failure starts
     * it; a delivery given up while the streak began at or before its own first attempt (no attempt
     * to the endpoint succeeded all the while it was retried) disables the endpoint with
     * {@code disabledReason}. Returns whether this attempt disabled it.
     */
    public Uni<Boolean> record(Outcome o, String disabledReason) {
        String state = o.delivered() ? "delivered" : o.nextAttemptAt() == null ? "failed" : "pending";
        return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO webhook_attempts (id, delivery_id, attempt, attempted_at, http_status, error, duration_ms, next_attempt_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """).execute(Tuple.from(new Object[] { UUID.randomUUID(), o.deliveryId(), o.attempt(), Rows.timestamp(o.attemptedAt()),
                o.httpStatus(), o.error(), (int) Math.min(Integer.MAX_VALUE, o.durationMillis()), Rows.timestamp(o.nextAttemptAt()) }))
                .flatMap(inserted -> conn.preparedQuery("""
                        UPDATE webhook_deliveries SET state = $2, attempts = greatest(attempts, $3), next_attempt_at = $4
                         WHERE id = $1
                        """).execute(Tuple.of(o.deliveryId(), state, o.attempt(), Rows.timestamp(o.nextAttemptAt()))))
                .flatMap(updated -> o.delivered()
                        ? conn.preparedQuery("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL")
                                .execute(Tuple.of(o.endpointId())).map(rows -> false)
                        : conn.preparedQuery("""
                                WITH streak AS (
                                    SELECT coalesce(w.failing_since, $2) AS since,
                                           $4 AND w.enabled AND coalesce(w.failing_since, $2)
                                               <= (SELECT min(a.attempted_at) FROM webhook_attempts a WHERE a.delivery_id = $5)
                                               AS disable
                                      FROM webhook_endpoints w WHERE w.id = $1)
                                UPDATE webhook_endpoints w
                                   SET failing_since = streak.since,
                                       enabled = w.enabled AND NOT streak.disable,
                                       disabled_reason = CASE WHEN streak.disable THEN $3 ELSE w.disabled_reason END
                                  FROM streak
                                 WHERE w.id = $1
                                RETURNING streak.disable
                                """).execute(Tuple.of(o.endpointId(), Rows.timestamp(o.attemptedAt()), disabledReason,
                                o.nextAttemptAt() == null, o.deliveryId()))
                                .map(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)))));
    }

    /** The endpoint's deliveries, newest first, each with all its attempts. */
    public Uni<Page> list(UUID endpointId, PageRequest page) {
        return pool.preparedQuery("""
                SELECT d.id, d.event_id, d.event_type, d.state, d.attempts, d.next_attempt_at, d.created_at,
                       count(*) OVER () AS total
                  FROM webhook_deliveries d WHERE d.endpoint_id = $1
                 ORDER BY d.created_at DESC, d.id LIMIT $2 OFFSET $3
                """).execute(Tuple.of(endpointId, page.limit(), page.offset())).flatMap(rows -> {
                    Map<UUID, Row> byId = new LinkedHashMap<>();
                    long total = 0;
                    for (Row r : rows) {
                        byId.put(r.getUUID("id"), r);
                        total = r.getLong("total");
                    }
                    long count = total;
                    if (byId.isEmpty()) {
                        return pool.preparedQuery("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = $1")
                                .execute(Tuple.of(endpointId)).map(c -> new Page(List.of(), c.iterator().next().getLong(0)));
                    }
                    return pool.preparedQuery("""
                            SELECT delivery_id, attempt, attempted_at, http_status, error, duration_ms, next_attempt_at
                              FROM webhook_attempts WHERE delivery_id = ANY ($1) ORDER BY delivery_id, attempted_at, id
                            """).execute(Tuple.of(byId.keySet().toArray(new UUID[0]))).map(attempts -> {
                                Map<UUID, List<Attempt>> attemptsOf = new LinkedHashMap<>();
                                for (Row a : attempts) {
                                    attemptsOf.computeIfAbsent(a.getUUID("delivery_id"), k -> new ArrayList<>())
                                            .add(new Attempt(a.getInteger("attempt"), Rows.instant(a, "attempted_at"),
                                                    a.getInteger("http_status"), a.getString("error"), a.getInteger("duration_ms"),
                                                    Rows.instant(a, "next_attempt_at")));
                                }
                                List<Delivery> out = new ArrayList<>();
                                byId.forEach((id, r) -> out.add(new Delivery(id, r.getString("event_id"), r.getString("event_type"),
                                        r.getString("state"), r.getInteger("attempts"), Rows.instant(r, "next_attempt_at"),
                                        Rows.instant(r, "created_at"), attemptsOf.getOrDefault(id, List.of()))));
                                return new Page(out, count);
                            });
                });
    }

    /** Makes the endpoint's delivery due now, whatever its state; false when the endpoint has no such delivery. */
    public Uni<Boolean> replay(UUID endpointId, UUID deliveryId, Instant now) {
        return pool.preparedQuery("""
                UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = $3
                 WHERE id = $2 AND endpoint_id = $1
                """).execute(Tuple.of(endpointId, deliveryId, Rows.timestamp(now))).map(rows -> rows.rowCount() > 0);
    }
}
