package io.outdial.campaign.api.problem;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.outdial.campaign.application.Refusal;
import io.outdial.campaign.config.BodyTooLargeException;
import io.outdial.campaign.config.UnsafeTextException;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.SafeText;
import io.outdial.contract.CallWindow;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/** The one place where refusals become RFC 9457 problem responses. Resources never build error bodies. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        Response response = respond(problem.status(), problem.title(), problem.getMessage(), uri, problem.errors(),
                problem.extensions());
        if (problem.status() == 401) {
            // RFC 6750: a 401 names the scheme the client must use.
            return Response.fromResponse(response).header("WWW-Authenticate", "Bearer realm=\"outdial\"").build();
        }
        if (problem.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header("Retry-After", Long.toString(problem.retryAfterSeconds())).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response refusal(Refusal refusal, UriInfo uri) {
        return switch (refusal.kind()) {
            case INVALID -> respond(400, "Invalid request", refusal.getMessage(), uri, refusal.errors(), refusal.extensions());
            case NOT_FOUND -> respond(404, "Not found", refusal.getMessage(), uri, refusal.errors(), refusal.extensions());
            case CONFLICT -> respond(409, "Conflict", refusal.getMessage(), uri, refusal.errors(), refusal.extensions());
            case ILLEGAL_TRANSITION -> respond(409, "Illegal status transition", refusal.getMessage(), uri, refusal.errors(),
                    refusal.extensions());
            case TOO_LARGE -> respond(413, "Payload too large", refusal.getMessage(), uri, refusal.errors(), refusal.extensions());
        };
    }

    @ServerExceptionMapper
    public Response invalidWindow(CallWindow.InvalidWindowException e, UriInfo uri) {
        return respond(400, "Invalid request", e.getMessage(), uri, List.of(new FieldError(e.field(), e.getMessage())), Map.of());
    }

    /** Broken constraints of a request (its body, query or path values): 400 naming every field, as any invalid request. */
    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ViolationFields::isOfReturnValue)) {
            return unexpected(e, uri);
        }
        return apiProblem(ApiProblem.invalid(ViolationFields.of(e.getConstraintViolations())), uri);
    }

    /** What Quarkus throws for a resource method's parameters; the same answer. */
    @ServerExceptionMapper
    public Response endpointViolations(ResteasyReactiveViolationException e, UriInfo uri) {
        return violations(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return respond(400, "Invalid request", "unknown field " + field, uri,
                List.of(new FieldError(field, "unknown field; check its spelling")), Map.of());
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        if (field.isEmpty()) {
            return respond(400, "Invalid request", "the body must be a JSON " + expected, uri,
                    List.of(new FieldError("body", "must be a JSON " + expected)), Map.of());
        }
        return respond(400, "Invalid request", field + " must be " + expected, uri,
                List.of(new FieldError(field, "must be " + expected)), Map.of());
    }

    @ServerExceptionMapper
    public Response badFormat(InvalidFormatException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response unsafeText(UnsafeTextException e, UriInfo uri) {
        String field = path(e);
        if (!e.inner().isEmpty()) {
            field = field.isEmpty() || e.inner().startsWith("[") ? field + e.inner() : field + "." + e.inner();
        }
        String where = field.isEmpty() ? "body" : field;
        return respond(400, "Invalid request", where + " " + SafeText.PROBLEM, uri, List.of(new FieldError(where, SafeText.PROBLEM)),
                Map.of());
    }

    @ServerExceptionMapper
    public Response brokenJson(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // Jackson wraps what the body's stream throws with the path of the value it was reading.
            if (cause instanceof BodyTooLargeException tooLarge) {
                return bodyTooLarge(tooLarge, uri);
            }
        }
        String field = e instanceof JsonMappingException m ? path(m) : "";
        Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String key = field.isEmpty() ? duplicate.group(1) : field + "." + duplicate.group(1);
            return respond(400, "Invalid request", key + " is given twice", uri,
                    List.of(new FieldError(key, "is given twice; give each field once")), Map.of());
        }
        String where = field.isEmpty() ? "body" : field;
        // Where the parser stopped, not what it thought: its messages name its own classes.
        var at = e.getLocation();
        String location = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return respond(400, "Invalid request", "the body is not valid JSON" + location, uri,
                List.of(new FieldError(where, "is not valid JSON" + location)), Map.of());
    }

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '([^']*)'");

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e, UriInfo uri) {
        return respond(413, "Payload too large", "the body is larger than " + e.limit() + " bytes", uri,
                List.of(new FieldError("body", "must be at most " + e.limit() + " bytes")), Map.of());
    }

    /** The body stopped arriving (the client went away, or broke its chunked encoding). */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        return respond(400, "Invalid request", "body: could not be read to its end", uri,
                List.of(new FieldError("body", "could not be read to its end")), Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof UnsafeTextException unsafe) {
            return unsafeText(unsafe, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return brokenJson(json, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = e instanceof NotFoundException ? "no such resource" : e.getMessage();
        return respond(status, title, detail, uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected failure serving " + uri.getPath(), e);
        return respond(500, "Internal error", "the server failed to handle the request", uri, List.of(), Map.of());
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, List<FieldError> errors,
            Map<String, Object> extensions) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors, extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The JSON path of the failing value in the API's notation: {@code contacts[3].phone}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO 8601 timestamp";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()
                || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }
}
