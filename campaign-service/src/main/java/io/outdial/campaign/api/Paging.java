package io.outdial.campaign.api;

import java.util.ArrayList;
import java.util.List;

import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.PageRequest;

/** {@code limit} (default 50, 1..500) and {@code offset} (default 0) of a list request. */
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
