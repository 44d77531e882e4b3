package io.outdial.campaign.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json for what fails outside the resources, where {@code api.problem.ProblemMapper} is not
 * reached: a request target that is not a path (404), an HTTP/1.1 request without a valid Host (400),
 * and any other failure of a route (500, without its internals). A URI that {@link java.net.URI}
 * cannot parse (a broken percent-encoding) is answered by Quarkus before any route, with an empty 400.
 */
@ApplicationScoped
public class RouteFailures {

    private static final Logger LOG = Logger.getLogger(RouteFailures.class);

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // Failures of requests that match no route (their path is not one) skip the failure handlers.
        for (int status : new int[] { 400, 404, 405, 413, 414, 415, 431, 500 }) {
            router.errorHandler(status, this::failed);
        }
    }

    void failed(RoutingContext rc) {
        if (rc.response().headWritten()) {
            // Too late for an answer of its own: the client sees the connection end.
            if (!rc.response().ended()) {
                rc.request().connection().close();
            }
            return;
        }
        HttpServerRequest request = rc.request();
        if (hostIsMissingOrInvalid(request)) {
            // Vert.x fails an HTTP/1.1 request without one as soon as something asks for its authority.
            RouteProblems.send(rc, 400, "Bad request", "Host: is required, as host or host:port", "Host",
                    "is required, as host or host:port");
            return;
        }
        int status = rc.statusCode() < 400 ? 500 : rc.statusCode();
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        if (status >= 500) {
            LOG.error("unexpected failure serving " + request.path(), rc.failure());
            RouteProblems.send(rc, status, title, "the server failed to handle the request", null, null);
        } else if (status == 404) {
            RouteProblems.send(rc, 404, title, "no such resource", null, null);
        } else {
            RouteProblems.send(rc, status, title, "the request cannot be served as sent", null, null);
        }
    }

    private static boolean hostIsMissingOrInvalid(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        return host == null || HostAndPort.parseAuthority(host, -1) == null;
    }
}
