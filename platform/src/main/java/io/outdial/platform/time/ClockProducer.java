package io.outdial.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.DefaultBean;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The clock every service reads time from. It is the system clock, unless
 * {@code outdial.clock.adjustable} is true (system tests only, never in production): then it is an
 * {@link AdjustableClock} that {@code PUT /internal/clock} with {@code {"now": "<instant>"}} or
 * {@code {"offsetMillis": <ms>}} (the shift from the system clock, which services sharing one
 * machine's clock then agree on exactly) moves and {@code GET /internal/clock} reads, on the management port with the internal token, like every
 * {@code /internal} endpoint.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    private final AdjustableClock adjustable;

    public ClockProducer(@ConfigProperty(name = "outdial.clock.adjustable", defaultValue = "false") boolean adjustable) {
        this.adjustable = adjustable ? new AdjustableClock(Clock.systemUTC()) : null;
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return adjustable != null ? adjustable : Clock.systemUTC();
    }

    void routes(@Observes Router router) {
        if (adjustable == null) {
            return;
        }
        LOG.warn("outdial.clock.adjustable is on: PUT /internal/clock moves this service's time (for tests only)");
        router.route(HttpMethod.GET, "/internal/clock").handler(this::read);
        router.route(HttpMethod.PUT, "/internal/clock").handler(BodyHandler.create()).handler(this::move);
    }

    private void read(RoutingContext ctx) {
        ctx.json(new JsonObject().put("now", adjustable.instant().toString())
                .put("offsetMillis", adjustable.offset().toMillis()));
    }

    private void move(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body.containsKey("offsetMillis")) {
                adjustable.shift(java.time.Duration.ofMillis(body.getLong("offsetMillis")));
            } else {
                adjustable.set(Instant.parse(body.getString("now")));
            }
        } catch (RuntimeException e) {
            String detail = e instanceof DateTimeParseException || e instanceof NullPointerException
                    ? "now must be an ISO-8601 instant, e.g. 2026-01-01T12:00:00Z"
                    : "the body must be {\"now\": \"<instant>\"} or {\"offsetMillis\": <milliseconds>}";
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("status", 400).put("title", "Bad Request").put("detail", detail)
                            .put("errors", new io.vertx.core.json.JsonArray().add(new JsonObject().put("field", "now")
                                    .put("message", detail))).encode());
            return;
        }
        read(ctx);
    }
}
