package io.outdial.campaign.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
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

    /** A JSON object column as text by name: strings as they are, other values as their JSON, nulls left out. */
    public static Map<String, String> textByName(Row row, String column) {
        Map<String, String> out = new LinkedHashMap<>();
        if (row.getValue(column) instanceof JsonObject json) {
            for (String name : json.fieldNames()) {
                Object value = json.getValue(name);
                if (value != null) {
                    out.put(name, value instanceof String text ? text : Json.encode(value));
                }
            }
        }
        return out;
    }
}
