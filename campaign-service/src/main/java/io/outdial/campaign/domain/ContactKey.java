package io.outdial.campaign.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import io.outdial.platform.paging.PageCursor;

/** Where a list of contacts stands: contacts are listed by (createdAt, id), a unique and unchanging key. */
public record ContactKey(Instant createdAt, UUID id) {

    public String cursor() {
        return PageCursor.encode(createdAt.toString(), id.toString());
    }

    /** The key a cursor of the contact list holds; empty when it is no such cursor. */
    public static Optional<ContactKey> parse(String cursor) {
        return PageCursor.decode(cursor, 2).flatMap(keys -> {
            UUID id = Ids.parseOrNull(keys.get(1));
            try {
                return id == null ? Optional.empty() : Optional.of(new ContactKey(Instant.parse(keys.get(0)), id));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
