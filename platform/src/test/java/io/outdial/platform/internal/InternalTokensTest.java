package io.outdial.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class InternalTokensTest {

    private static final String CURRENT = "0123456789abcdef-current";
    private static final String PREVIOUS = "0123456789abcdef-previous";

    private static InternalTokens tokens(String... tokens) {
        return new InternalTokens(Optional.of(List.of(tokens)));
    }

    @Test
    void acceptsTheCurrentAndThePreviousTokenAndNothingElse() {
        InternalTokens tokens = tokens(CURRENT, PREVIOUS);
        assertTrue(tokens.accepts(CURRENT));
        assertTrue(tokens.accepts(PREVIOUS));
        assertFalse(tokens.accepts(CURRENT + "x"));
        assertFalse(tokens.accepts(CURRENT.substring(1)));
        assertFalse(tokens.accepts(""));
        assertFalse(tokens.accepts(null));
    }

    @Test
    void clientsSendTheFirstToken() {
        assertEquals(CURRENT, tokens(CURRENT, PREVIOUS).current());
        assertEquals(CURRENT, tokens(" " + CURRENT + " ").current());
    }

    @Test
    void refusesToStartWithoutAToken() {
        var missing = assertThrows(IllegalStateException.class, () -> new InternalTokens(Optional.empty()));
        assertTrue(missing.getMessage().contains("INTERNAL_TOKENS"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> tokens(" ", ""));
    }

    @Test
    void refusesShortTokensAndMoreThanTwo() {
        var tooShort = assertThrows(IllegalStateException.class, () -> tokens(CURRENT, "short"));
        assertTrue(tooShort.getMessage().contains("at least 16"), tooShort.getMessage());
        assertThrows(IllegalStateException.class, () -> tokens(CURRENT, PREVIOUS, CURRENT + "-third"));
    }

    @Test
    void readsTheTokenOfABearerHeader() {
        assertEquals("abc", InternalEndpoints.bearer("Bearer abc"));
        assertEquals("abc", InternalEndpoints.bearer("bearer  abc "));
        assertNull(InternalEndpoints.bearer("Basic abc"));
        assertNull(InternalEndpoints.bearer("abc"));
        assertNull(InternalEndpoints.bearer(null));
    }
}
