package io.outdial.platform.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves every {@code /internal/**} endpoint on the management interface only, behind the internal
 * token. The endpoints themselves stay where they are (JAX-RS resources, Vert.x routes on the
 * application router), since Quarkus serves those on the public port only: the management router
 * checks {@code Authorization: Bearer <token>} and hands the request to the application router,
 * which answers {@code /internal/**} only for requests handed over that way and 404 to the rest.
 */
@ApplicationScoped
public class InternalEndpoints {

    private static final Logger LOG = Logger.getLogger(InternalEndpoints.class);

    static final String PATH = "/internal/*";
    /** Marks, on the request's own duplicated context, a request that came through the management port. */
    private static final String VIA_MANAGEMENT = "outdial.internal.via-management";
    private static final String CHALLENGE = "Bearer realm=\"outdial-internal\"";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final InternalTokens tokens;
    private volatile Router application;

    public InternalEndpoints(InternalTokens tokens) {
        this.tokens = tokens;
    }

    void onApplicationRouter(@Observes Router router) {
        application = router;
        // Ahead of every other route, body limits included: the public port knows nothing of /internal.
        router.route(PATH).order(Integer.MIN_VALUE).handler(this::onlyViaManagement);
    }

    void onManagementRouter(@Observes ManagementInterface management) {
        management.router().route(PATH).handler(this::authenticateAndHandOver);
    }

    private void onlyViaManagement(RoutingContext ctx) {
        if (VertxContext.isOnDuplicatedContext() && ContextLocals.get(VIA_MANAGEMENT, Boolean.FALSE)) {
            ctx.next();
        } else {
            problem(ctx, 404, "Not Found", "no such resource");
        }
    }

    private void authenticateAndHandOver(RoutingContext ctx) {
        if (!tokens.accepts(bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)))) {
            ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
            problem(ctx, 401, "Unauthorized", "send the internal token as Authorization: Bearer <token>");
            return;
        }
        Router target = application;
        if (target == null) {
            LOG.error("the application router is not set up: cannot serve " + ctx.normalizedPath());
            problem(ctx, 503, "Service Unavailable", "the service is starting");
            return;
        }
        ContextLocals.put(VIA_MANAGEMENT, Boolean.TRUE);
        target.handle(new ReplayedRequest((HttpServerRequestInternal) ctx.request(), ctx.body().buffer()));
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", ctx.normalizedPath());
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON).end(problem.encode());
    }
}
