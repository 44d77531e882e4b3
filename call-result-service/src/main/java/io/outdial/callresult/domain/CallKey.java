package io.outdial.callresult.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import io.outdial.platform.paging.PageCursor;

/**
 * Where a list of calls stands: calls are listed by initiatedAt (calls not yet initiated last), then
 * id. A null {@code initiatedAt} is a place among the calls not initiated.
 */
public record CallKey(Instant initiatedAt, UUID id) {

    public String cursor() {
        return PageCursor.encode(initiatedAt == null ? "" : initiatedAt.toString(), id.toString());
    }

    /** The key a cursor of the call list holds; empty when it is no such cursor. */
    public static Optional<CallKey> parse(String cursor) {
        return PageCursor.decode(cursor, 2).flatMap(keys -> {
            try {
                UUID id = UUID.fromString(keys.get(1));
                if (!id.toString().equals(keys.get(1))) {
                    return Optional.empty();
                }
                return Optional.of(new CallKey(keys.get(0).isEmpty() ? null : Instant.parse(keys.get(0)), id));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
