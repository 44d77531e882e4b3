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

    private static final String INSERT = "INSERT INTO outbox (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)";

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
        List<Tuple> rows = events.stream().map(Row::of)
                .map(row -> Tuple.of(row.eventId(), row.topic(), row.messageKey(), row.ceType(), row.payload())).toList();
        return tx.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }
}
