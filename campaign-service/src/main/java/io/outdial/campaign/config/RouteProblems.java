package io.outdial.campaign.config;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem responses (RFC 9457, the shape of {@code api.problem.Problem}) for refusals made by
 * routes before a resource runs, where the API's {@code ProblemMapper} is not reached.
 */
final class RouteProblems {

    static final String MEDIA_TYPE = "application/problem+json";

    private RouteProblems() {
    }

    /** Ends the response with the problem; {@code field} null when no one field is at fault. */
    static void send(RoutingContext rc, int status, String title, String detail, String field, String message) {
        if (rc.response().headWritten()) {
            return;
        }
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        String path = rc.request().path();
        if (status != 414 && path != null && path.startsWith("/")) {
            problem.put("instance", path);
        }
        if (field != null) {
            problem.put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", message)));
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE).end(problem.encode());
    }
}
