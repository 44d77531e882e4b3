package io.outdial.campaign.config;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The limits of one request ({@link RequestLimitSettings}), answered as problem+json: a URI past
 * {@code outdial.http.max-uri-length} gets 414, headers past {@code outdial.http.max-header-size}
 * 431, a body past its path's limit 413. Contact and do-not-call imports stream their body (a
 * million rows is tens of MB) and get {@code outdial.contacts.import.max-body-size}; every other
 * request keeps the small {@code outdial.http.max-body-size}, as other bodies are read whole.
 * <p>
 * Vert.x answers requests past its own decoder limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) with an empty 414 or 431 before any route runs, and Quarkus offers no hook
 * to shape that answer; those limits are set well above these, so that only a request far past
 * them gets the empty one. Likewise Quarkus counts a chunked body itself and answers an empty 413:
 * this class takes that count over ({@link BodyLimitInterceptor} counts as resources read).
 */
@ApplicationScoped
public class RequestLimits {

    /** The routing-context key Quarkus's streaming request input reads its byte limit from. */
    static final String QUARKUS_MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    /** The routing-context key of the body limit {@link BodyLimitInterceptor} applies to a chunked body. */
    static final String BODY_LIMIT_KEY = "outdial.body-limit";
    static final Set<String> IMPORT_PATHS = Set.of("/api/crm/contacts/import", "/api/crm/dnc/import");
    /** Imports into a campaign: {@code /api/crm/campaigns/{id}/contacts/import}. */
    static final Pattern CAMPAIGN_IMPORT_PATH = Pattern.compile("/api/crm/campaigns/[^/]+/contacts/import");
    /**
     * Bytes of a body still arriving after the answer was sent that are read and dropped before the
     * connection closes: closing at once would reset it, and the client could lose the answer.
     */
    static final long DRAIN_LIMIT = 1024 * 1024;
    /** And the longest it waits for them. */
    static final long DRAIN_MILLIS = 2_000;

    private final RequestLimitSettings limits;
    private final Vertx vertx;

    public RequestLimits(RequestLimitSettings limits, Vertx vertx) {
        this.limits = limits;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        // Before every other route, so nothing reads a request that is refused here.
        router.route().order(Integer.MIN_VALUE).handler(this::checkHead);
        // After Quarkus's own body limit (order -2), which this replaces for chunked bodies.
        router.route().order(-1).handler(this::countChunkedBody);
    }

    void checkHead(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        rc.addHeadersEndHandler(v -> {
            if (bodyStillArriving(request)) {
                rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
        });
        rc.addBodyEndHandler(v -> {
            if (bodyStillArriving(request)) {
                try {
                    drainThenClose(request);
                } catch (IllegalStateException ended) {
                    // The body's end arrived meanwhile (the answer was ended off the event loop): nothing to drain.
                }
            }
        });
        int maxUri = limits.maxUriLength();
        if (request.uri().length() > maxUri) {
            RouteProblems.send(rc, 414, "URI too long", "the URI is longer than " + maxUri + " characters", "uri",
                    "must be at most " + maxUri + " characters");
            return;
        }
        long maxHeaders = limits.maxHeaderSize().asLongValue();
        long headerBytes = 0;
        String largest = null;
        int largestSize = -1;
        for (Map.Entry<String, String> header : request.headers()) {
            // As the request carries it: "name: value" and CRLF.
            int size = header.getKey().length() + header.getValue().length() + 4;
            headerBytes += size;
            if (size > largestSize) {
                largestSize = size;
                largest = header.getKey();
            }
        }
        if (headerBytes > maxHeaders) {
            RouteProblems.send(rc, 431, "Request header fields too large", "the headers are larger than " + maxHeaders
                    + " bytes in all", largest, "makes the headers larger than " + maxHeaders + " bytes in all");
            return;
        }
        long maxBody = bodyLimit(rc);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBody) {
            // Refused by the declared length, before any of the body is read.
            tooLarge(rc, maxBody);
            return;
        }
        rc.next();
    }

    void countChunkedBody(RoutingContext rc) {
        if (rc.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            rc.remove(QUARKUS_MAX_REQUEST_SIZE_KEY);
            rc.put(BODY_LIMIT_KEY, bodyLimit(rc));
        }
        rc.next();
    }

    private long bodyLimit(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean isImport = rc.request().method() == HttpMethod.POST
                && (IMPORT_PATHS.contains(path) || CAMPAIGN_IMPORT_PATH.matcher(path).matches());
        return (isImport ? limits.importMaxBodySize() : limits.maxBodySize()).asLongValue();
    }

    private static long declaredLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // Vert.x refuses a malformed Content-Length before routing.
            return -1;
        }
    }

    private static void tooLarge(RoutingContext rc, long limit) {
        RouteProblems.send(rc, 413, "Payload too large", "the body is larger than " + limit + " bytes", "body",
                "must be at most " + limit + " bytes");
    }

    /** Whether the answer goes out while the client is still sending a body (HTTP/1.x; HTTP/2 resets the stream). */
    private static boolean bodyStillArriving(HttpServerRequest request) {
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length == null ? request.headers().contains(HttpHeaders.TRANSFER_ENCODING) : declaredLength(length) > 0;
    }

    private void drainThenClose(HttpServerRequest request) {
        long[] dropped = { 0 };
        long timer = vertx.setTimer(DRAIN_MILLIS, id -> request.connection().close());
        request.exceptionHandler(e -> vertx.cancelTimer(timer));
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > DRAIN_LIMIT) {
                vertx.cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }
}
