package io.outdial.campaign.api.problem;

import io.outdial.campaign.domain.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A refusal that becomes an RFC 9457 problem response. Thrown by resources and services; turned
 * into {@code application/problem+json} in one place, {@link ProblemMapper}.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiProblem(400, "Invalid request", detail, errors, Map.of());
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "Not found", what + " " + id + " does not exist", List.of(), Map.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of(), Map.of());
    }

    /** An illegal state transition: names the current and the requested status. */
    public static ApiProblem illegalTransition(String what, String currentStatus, String requestedStatus) {
        return new ApiProblem(409, "Illegal status transition",
                what + " is " + currentStatus + " and cannot become " + requestedStatus, List.of(),
                Map.of("currentStatus", currentStatus, "requestedStatus", requestedStatus));
    }

    public static ApiProblem forbidden(String field, String message) {
        return new ApiProblem(403, "Forbidden", field + ": " + message, List.of(new FieldError(field, message)), Map.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, List.of(), Map.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
