package io.outdial.campaign.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.vertx.mutiny.sqlclient.Row;

/** Conversions between SQL values and API values. */
public final class Rows {

    private Rows() {
    }

    /** The column's instant; null for SQL null and for 'infinity' (a wait that time alone does not end). */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null || value.equals(OffsetDateTime.MAX) ? null : value.toInstant();
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static String id(Row row, String column) {
        var uuid = row.getUUID(column);
        return uuid == null ? null : uuid.toString();
    }
}
