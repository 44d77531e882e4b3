package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads of {@code audit_events}, which the dispatch loop writes with its own SQL. On the reactive
 * client: an export reads it in pages from a worker thread, where entity sessions cannot go.
 */
@ApplicationScoped
public class AuditEventRepository {

    /** One decision about a contact of a campaign, as recorded. */
    public record AuditEvent(long id, String kind, String reason, UUID contactId, UUID campaignContactId, UUID callId,
            String phone, String localTime, String rulesVersion, Instant at) {
        static AuditEvent of(Row row) {
            return new AuditEvent(row.getLong("id"), row.getString("kind"), row.getString("reason"),
                    row.getUUID("contact_id"), row.getUUID("campaign_contact_id"), row.getUUID("call_id"),
                    row.getString("phone"), row.getString("local_time"), row.getString("rules_version"),
                    Rows.instant(row, "at"));
        }
    }

    private static final String COLUMNS = "id, kind, reason, contact_id, campaign_contact_id, call_id, phone, local_time,"
            + " rules_version, at";

    private final Pool pool;

    public AuditEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** A page of the campaign's events in the order they were recorded; {@code kind} null = every kind. */
    public Uni<List<AuditEvent>> page(UUID campaignId, String kind, PageRequest page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_events"
                + " WHERE campaign_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(campaignId, kind, page.limit(), page.offset()))
                .map(AuditEventRepository::events);
    }

    public Uni<Long> count(UUID campaignId, String kind) {
        return pool.preparedQuery("SELECT count(*) FROM audit_events WHERE campaign_id = $1 AND ($2::text IS NULL OR kind = $2)")
                .execute(Tuple.of(campaignId, kind)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Up to {@code limit} events recorded after event {@code afterId}: an export pages by id, so it needs no offset. */
    public Uni<List<AuditEvent>> after(UUID campaignId, String kind, long afterId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_events"
                + " WHERE campaign_id = $1 AND ($2::text IS NULL OR kind = $2) AND id > $3 ORDER BY id LIMIT $4")
                .execute(Tuple.of(campaignId, kind, afterId, limit))
                .map(AuditEventRepository::events);
    }

    /** The callee's local time when each call was granted (its attempt event), by call id; calls without one are absent. */
    public Uni<Map<UUID, String>> attemptLocalTimes(List<UUID> callIds) {
        if (callIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                SELECT DISTINCT ON (call_id) call_id, local_time FROM audit_events
                 WHERE call_id = ANY($1) AND kind = 'attempt' AND local_time IS NOT NULL
                 ORDER BY call_id, id
                """).execute(Tuple.of(callIds.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getUUID("call_id"), r.getString("local_time")));
                    return out;
                });
    }

    private static List<AuditEvent> events(RowSet<Row> rows) {
        List<AuditEvent> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(AuditEvent.of(r)));
        return out;
    }
}
