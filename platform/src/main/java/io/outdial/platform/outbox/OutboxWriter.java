package io.outdial.platform.outbox;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.contract.EventCodec;
import io.outdial.contract.EventType;
import io.outdial.contract.events.CampaignEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events to the service's {@code outbox} table inside the caller's transaction, so an
 * event exists exactly when the business change that caused it was committed (no dual write).
 */
@ApplicationScoped
public class OutboxWriter {

    /** The outbox columns every writer fills, in the order of {@link Row}. */
    public static final String COLUMNS = "event_id, topic, message_key, ce_type, payload";

    // One statement for any number of events; the ordinality keeps their order in the outbox's ids,
    // which the relay publishes in.
    private static final String INSERT = "INSERT INTO outbox (" + COLUMNS + ") SELECT event_id, topic, message_key, ce_type, payload"
            + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])"
            + " WITH ORDINALITY AS e(event_id, topic, message_key, ce_type, payload, position) ORDER BY position";

    /** An event as an outbox row. */
    public record Row(UUID eventId, String topic, String messageKey, String ceType, String payload) {
        public static Row of(CampaignEvent event) {
            EventType type = EventType.of(event);
            return new Row(UUID.randomUUID(), type.topic(), event.partitionKey(), type.ceType(), EventCodec.encode(event));
        }
    }

    public Uni<Void> append(SqlClient tx, CampaignEvent event) {
        return append(tx, List.of(event));
    }

    public Uni<Void> append(SqlClient tx, List<? extends CampaignEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = Row.of(events.get(i));
            ids[i] = row.eventId();
            topics[i] = row.topic();
            keys[i] = row.messageKey();
            types[i] = row.ceType();
            payloads[i] = row.payload();
        }
        return tx.preparedQuery(INSERT).execute(Tuple.of(ids, topics, keys, types, payloads)).replaceWithVoid();
    }
}
