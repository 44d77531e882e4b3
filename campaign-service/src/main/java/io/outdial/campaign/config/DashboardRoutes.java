package io.outdial.campaign.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The dashboard is static files under {@code META-INF/resources/dashboard/}; its page refers to
 * them relatively, so {@code /dashboard} sends the browser on to {@code /dashboard/}.
 */
@ApplicationScoped
public class DashboardRoutes {

    static final String PATH = "/dashboard";

    void install(@Observes Router router) {
        router.get(PATH).handler(rc -> {
            // Vert.x also matches the path with a trailing slash: that one is the page itself.
            if (PATH.equals(rc.request().path())) {
                rc.redirect(PATH + "/");
            } else {
                rc.next();
            }
        });
    }
}
