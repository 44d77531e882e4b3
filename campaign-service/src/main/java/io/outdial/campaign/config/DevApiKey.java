package io.outdial.campaign.config;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.outdial.campaign.domain.ApiKeys;
import io.outdial.campaign.persistence.ApiKeyRepository;
import io.quarkus.runtime.StartupEvent;

/** Seeds a known API key (local stack, demos) when {@code outdial.dev-api-key} is set. Never set it in production. */
@Singleton
public class DevApiKey {

    private static final Logger LOG = Logger.getLogger(DevApiKey.class);

    @ConfigProperty(name = "outdial.dev-api-key")
    Optional<String> key;

    @ConfigProperty(name = "outdial.dev-team-id", defaultValue = "dev-team")
    String teamId;

    @ConfigProperty(name = "outdial.dev-account-slug", defaultValue = "dev")
    String accountSlug;

    @Inject
    ApiKeyRepository keys;

    void seed(@Observes StartupEvent event) {
        key.filter(k -> !k.isBlank()).ifPresent(k -> {
            keys.insert(ApiKeys.hash(k), teamId, accountSlug, "dev key").await().indefinitely();
            LOG.infof("dev API key for team %s (account %s) is active", teamId, accountSlug);
        });
    }
}
