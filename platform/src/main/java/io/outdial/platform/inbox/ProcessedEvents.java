package io.outdial.platform.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Insert-first deduplication of consumed events: the event id goes into {@code processed_events}
 * in the same transaction as the event's effect; a duplicate key means "already applied". Racing
 * redeliveries cannot both win, unlike check-then-insert.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * The ids of {@code eventIds} seen for the first time, recorded in one statement. An id given
     * twice is returned once: the caller applies its first occurrence only.
     */
    public Uni<Set<String>> firstTimes(SqlClient tx, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return tx.preparedQuery("""
                INSERT INTO processed_events (event_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING event_id
                """).execute(Tuple.of(eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }
}
