package io.outdial.campaign.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.outdial.platform.paging.PageCursor;

/**
 * Where a list of a campaign's contacts stands: they are listed in dialing order, priority first
 * (highest first), then by (createdAt, seq); seq is unique, and none of the three ever changes.
 */
public record MemberKey(int priority, Instant createdAt, long seq) {

    public String cursor() {
        return PageCursor.encode(Integer.toString(priority), createdAt.toString(), Long.toString(seq));
    }

    /** The key a cursor of a campaign's contact list holds; empty when it is no such cursor. */
    public static Optional<MemberKey> parse(String cursor) {
        return PageCursor.decode(cursor, 3).flatMap(keys -> {
            try {
                return Optional.of(new MemberKey(Integer.parseInt(keys.get(0)), Instant.parse(keys.get(1)),
                        Long.parseLong(keys.get(2))));
            } catch (NumberFormatException | DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
