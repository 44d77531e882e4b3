package io.outdial.campaign.application;

import java.util.List;
import java.util.Map;

import io.outdial.campaign.domain.FieldError;

/**
 * A use case's refusal: what was asked cannot be done, and why. The API turns each kind into its
 * problem response; nothing below the application layer knows about HTTP.
 */
public class Refusal extends RuntimeException {

    public enum Kind {
        /** The input breaks a rule; {@link #errors()} names the fields. */
        INVALID,
        /** The thing does not exist, or belongs to another team. */
        NOT_FOUND,
        /** The current state does not allow it. */
        CONFLICT,
        /** A status change the state machine forbids. */
        ILLEGAL_TRANSITION,
        /** More than the service takes in one request (e.g. rows of an import); {@link #errors()} names the field. */
        TOO_LARGE
    }

    private final Kind kind;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    private Refusal(Kind kind, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public static Refusal invalid(List<FieldError> errors) {
        return new Refusal(Kind.INVALID, FieldError.summary(errors), errors, Map.of());
    }

    public static Refusal invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Refusal notFound(String what, String id) {
        return new Refusal(Kind.NOT_FOUND, what + " " + id + " does not exist", List.of(), Map.of());
    }

    public static Refusal conflict(String detail) {
        return new Refusal(Kind.CONFLICT, detail, List.of(), Map.of());
    }

    /** A conflict with the campaign's current status, naming the fields it concerns. */
    public static Refusal conflict(String detail, List<FieldError> errors, String currentStatus) {
        return new Refusal(Kind.CONFLICT, detail, errors, Map.of("currentStatus", currentStatus));
    }

    public static Refusal tooLarge(String field, String message) {
        List<FieldError> errors = List.of(new FieldError(field, message));
        return new Refusal(Kind.TOO_LARGE, FieldError.summary(errors), errors, Map.of());
    }

    public static Refusal illegalTransition(String what, String currentStatus, String requestedStatus) {
        return new Refusal(Kind.ILLEGAL_TRANSITION, what + " is " + currentStatus + " and cannot become " + requestedStatus,
                List.of(), Map.of("currentStatus", currentStatus, "requestedStatus", requestedStatus));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
