package io.outdial.campaign.domain;

/** One reason a request was refused, naming the field in the API's own terms (e.g. {@code contacts[3].phone}). */
public record FieldError(String field, String message) {
}
