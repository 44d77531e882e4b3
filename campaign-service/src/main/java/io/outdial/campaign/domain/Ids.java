package io.outdial.campaign.domain;

import java.util.UUID;

/** Ids as the API takes them: a canonical 36-character UUID, or nothing. */
public final class Ids {

    private Ids() {
    }

    /** The UUID {@code value} spells, or null when it spells none (including a shorter, lenient form). */
    public static UUID parseOrNull(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean isUuid(String value) {
        return parseOrNull(value) != null;
    }
}
