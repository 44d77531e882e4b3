package io.outdial.campaign.api.problem;

import java.util.List;
import java.util.Map;

import io.outdial.campaign.domain.FieldError;

/**
 * A refusal of the HTTP layer itself (a malformed request, a missing key) that becomes an RFC 9457
 * problem response; use cases refuse with {@code application.Refusal}. Both are turned
 * into {@code application/problem+json} in one place, {@link ProblemMapper}.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;
    private final long retryAfterSeconds;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        this(status, title, detail, errors, extensions, 0);
    }

    private ApiProblem(int status, String title, String detail, List<FieldError> errors, Map<String, Object> extensions,
            long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(400, "Invalid request", FieldError.summary(errors), errors, Map.of());
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem forbidden(String field, String message) {
        return new ApiProblem(403, "Forbidden", field + ": " + message, List.of(new FieldError(field, message)), Map.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, List.of(), Map.of());
    }

    /** The API key has sent more than its rate allows; it may try again after {@code retryAfterSeconds}. */
    public static ApiProblem tooManyRequests(long retryAfterSeconds) {
        return new ApiProblem(429, "Too many requests",
                "the API key has sent more requests than its rate limit allows; retry after " + retryAfterSeconds + " s",
                List.of(), Map.of(), retryAfterSeconds);
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

    /** Seconds the client should wait before retrying (a {@code Retry-After} header), or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
