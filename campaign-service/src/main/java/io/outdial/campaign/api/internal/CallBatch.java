package io.outdial.campaign.api.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.domain.FieldError;

/** The shape every batch a dialer sends must have: 1 to {@link #MAX} items, each one complete. */
final class CallBatch {

    /** The most calls one claim or renewal request may carry. */
    static final int MAX = 1000;

    private CallBatch() {
    }

    /** Refuses (400 naming {@code field} or {@code field[i]}) a missing, empty or oversized batch, or an item {@code valid} rejects. */
    static <T> void check(String field, List<T> items, Predicate<T> valid, String itemMessage) {
        if (items == null || items.isEmpty() || items.size() > MAX) {
            throw ApiProblem.invalid(field, "must have between 1 and " + MAX + " " + field);
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item == null || !valid.test(item)) {
                errors.add(new FieldError(field + "[" + i + "]", itemMessage));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
