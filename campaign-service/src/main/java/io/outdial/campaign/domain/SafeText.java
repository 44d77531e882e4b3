package io.outdial.campaign.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Text the system can store and hand on: no NUL character (PostgreSQL text and jsonb refuse it)
 * and no unpaired UTF-16 surrogate (it cannot be encoded as UTF-8 and would be stored as '?').
 */
public final class SafeText {

    public static final String PROBLEM = "must not contain NUL characters or unpaired surrogates";

    private SafeText() {
    }

    public static boolean isSafe(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The path (below {@code path}) of the first unsafe key or text in a JSON-like value, if any. */
    public static Optional<String> firstUnsafe(Object value, String path) {
        if (value instanceof String s) {
            return isSafe(s) ? Optional.empty() : Optional.of(path);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!isSafe(key)) {
                    // The key itself cannot be named: name the object that holds it.
                    return Optional.of(path);
                }
                String inner = path.isEmpty() ? key : path + "." + key;
                Optional<String> found = firstUnsafe(e.getValue(), inner);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> found = firstUnsafe(list.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
