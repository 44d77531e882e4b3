package io.outdial.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The opaque, URL-safe cursor of a keyset-paged list: the sort key of the last row a page showed,
 * as base64url text. Keys must not contain a line break (they are numbers, instants and UUIDs).
 */
public final class PageCursor {

    /** Longer cursors are no cursor any list issues. */
    public static final int MAX_LENGTH = 200;

    private static final String SEPARATOR = "\n";

    private PageCursor() {
    }

    public static String encode(String... keys) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code arity} keys the cursor holds, or empty when it is not a cursor of that many keys. */
    public static Optional<List<String>> decode(String cursor, int arity) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> keys = List.of(text.split(SEPARATOR, -1));
            return keys.size() == arity ? Optional.of(keys) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
