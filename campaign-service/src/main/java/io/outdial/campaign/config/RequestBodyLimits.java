package io.outdial.campaign.config;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Request body limits per route. Contact and do-not-call imports stream their body (a million rows
 * is tens of MB) and get {@code outdial.contacts.import.max-body-size}; every other request keeps the small
 * {@code outdial.http.max-body-size}, as other bodies are read whole. Quarkus's own
 * {@code quarkus.http.limits.max-body-size} must be at least the import limit, since it is checked
 * first (order -2); this route (order -1) then applies the tighter limit of the path.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The routing-context key Quarkus's streaming request input reads its byte limit from. */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    static final Set<String> IMPORT_PATHS = Set.of("/api/crm/contacts/import", "/api/crm/dnc/import");

    private final BodyLimitSettings limits;

    public RequestBodyLimits(BodyLimitSettings limits) {
        this.limits = limits;
    }

    void install(@Observes Router router) {
        router.route().order(-1).handler(this::apply);
    }

    void apply(RoutingContext rc) {
        boolean isImport = rc.request().method() == HttpMethod.POST && IMPORT_PATHS.contains(rc.normalizedPath());
        long limit = (isImport ? limits.importMaxBodySize() : limits.maxBodySize()).asLongValue();
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                tooLarge(rc, limit);
                return;
            }
        } else {
            // Chunked: the input stream counts the bytes and fails with 413 past the limit.
            rc.put(MAX_REQUEST_SIZE_KEY, limit);
        }
        rc.next();
    }

    private static void tooLarge(RoutingContext rc, long limit) {
        String detail = "the body is larger than " + limit + " bytes";
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Payload too large")
                .put("status", 413).put("detail", detail).put("instance", rc.normalizedPath())
                .put("errors", new JsonArray().add(new JsonObject().put("field", "body").put("message",
                        "must be at most " + limit + " bytes")));
        // The body is not read: the connection cannot be reused.
        rc.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> rc.request().connection().close())
                .end(problem.encode());
    }
}
