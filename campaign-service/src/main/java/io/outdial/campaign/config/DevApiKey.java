package io.outdial.campaign.config;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/** Seeds a known API key (local stack, demos) when {@code outdial.dev-api-key} is set. Never set it in production. */
@Singleton
public class DevApiKey {

    private static final Logger LOG = Logger.getLogger(DevApiKey.class);

    private final AccessSettings settings;
    private final ApiKeyIssuer keys;

    public DevApiKey(AccessSettings settings, ApiKeyIssuer keys) {
        this.settings = settings;
        this.keys = keys;
    }

    void seed(@Observes StartupEvent event) throws Throwable {
        var key = settings.devApiKey().filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            return;
        }
        // Entity sessions need a Vert.x context, which start-up observers do not run on.
        VertxContextSupport.subscribeAndAwait(
                () -> keys.store(key.get(), settings.devTeamId(), settings.devAccountSlug(), "dev key"));
        LOG.infof("dev API key for team %s (account %s) is active", settings.devTeamId(), settings.devAccountSlug());
    }
}
