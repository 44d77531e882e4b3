package io.outdial.campaign.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Operator access: the admin token of {@code /admin/api-keys}, and the API key a local stack seeds. */
@ConfigMapping(prefix = "outdial")
public interface AccessSettings {

    /** {@code outdial.admin.token}: without it the admin path does not exist. */
    @WithName("admin.token")
    Optional<String> adminToken();

    /** {@code outdial.dev-api-key}: a known key for the local stack and demos; never set it in production. */
    Optional<String> devApiKey();

    @WithDefault("dev-team")
    String devTeamId();

    @WithDefault("dev")
    String devAccountSlug();
}
