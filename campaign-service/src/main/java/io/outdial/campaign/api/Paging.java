package io.outdial.campaign.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.PageRequest;

/**
 * {@code limit} (default 50, 1..500) and {@code offset} (default 0) of a list request, or, for lists
 * that page by key, {@code cursor} instead of {@code offset}.
 */
public final class Paging {

    private Paging() {
    }

    /** Parses the raw query values (strings, so that "abc" answers 400 naming the parameter). */
    public static PageRequest parse(String limit, String offset) {
        List<FieldError> errors = new ArrayList<>();
        int l = parse(errors, "limit", limit, PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        int o = parse(errors, "offset", offset, 0, 0, Integer.MAX_VALUE);
        Validation.throwIfAny(errors);
        return new PageRequest(l, o);
    }

    /**
     * Paging of a list that also pages by cursor: {@code limit} with {@code offset} or with
     * {@code cursor} (the list's {@code nextCursor}), never both. Returns the decoded cursor's key, null
     * when none was given.
     */
    public static <K> K cursor(String cursor, String offset, Function<String, Optional<K>> keyOf) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (offset != null && !offset.isEmpty()) {
            throw ApiProblem.invalid("cursor", "must not be given with offset");
        }
        return keyOf.apply(cursor).orElseThrow(() -> ApiProblem.invalid("cursor", "is not a cursor of this list"));
    }

    private static int parse(List<FieldError> errors, String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
                return defaultValue;
            }
            return (int) value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be an integer"));
            return defaultValue;
        }
    }
}
