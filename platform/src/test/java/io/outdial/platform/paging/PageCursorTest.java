package io.outdial.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void aCursorIsUrlSafeAndGivesBackItsKeys() {
        String cursor = PageCursor.encode("2026-03-01T12:00:00.123456Z", "0f8fad5b-d9cb-469f-a165-70867728950e");
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertEquals(Optional.of(List.of("2026-03-01T12:00:00.123456Z", "0f8fad5b-d9cb-469f-a165-70867728950e")),
                PageCursor.decode(cursor, 2));
        assertEquals(Optional.of(List.of("", "x")), PageCursor.decode(PageCursor.encode("", "x"), 2));
    }

    @Test
    void anythingElseIsNoCursor() {
        String twoKeys = PageCursor.encode("a", "b");
        assertEquals(Optional.empty(), PageCursor.decode(twoKeys, 3));
        for (String bad : List.of("", "%%%", "not a cursor", "a+b/", "x".repeat(PageCursor.MAX_LENGTH + 1), "\u00e9")) {
            assertEquals(Optional.empty(), PageCursor.decode(bad, 2), bad);
        }
        assertEquals(Optional.empty(), PageCursor.decode(null, 2));
    }
}
