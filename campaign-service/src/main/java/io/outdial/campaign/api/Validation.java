package io.outdial.campaign.api;

import java.util.List;
import java.util.UUID;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.SafeText;

/** Small checks that collect every field error of a request, so one response names them all. */
public final class Validation {

    private Validation() {
    }

    public static void requireText(List<FieldError> errors, String field, String value, int maxLength) {
        if (!SafeText.isSafe(value)) {
            errors.add(new FieldError(field, SafeText.PROBLEM));
        } else if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
    }

    public static void optionalText(List<FieldError> errors, String field, String value, int maxLength) {
        if (!SafeText.isSafe(value)) {
            errors.add(new FieldError(field, SafeText.PROBLEM));
        } else if (value != null && value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
    }

    public static void range(List<FieldError> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }

    public static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A path id that is not a UUID cannot name anything: 404, as for an id of another team. */
    public static UUID pathId(String what, String id) {
        if (!isUuid(id)) {
            throw ApiProblem.notFound(what, id);
        }
        return UUID.fromString(id);
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
