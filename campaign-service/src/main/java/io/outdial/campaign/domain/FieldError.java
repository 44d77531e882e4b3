package io.outdial.campaign.domain;

import java.util.List;

/** One reason a request was refused, naming the field in the API's own terms (e.g. {@code contacts[3].phone}). */
public record FieldError(String field, String message) {

    /** A problem's detail for these errors: the one error itself, or how many fields are invalid. */
    public static String summary(List<FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are invalid";
    }
}
