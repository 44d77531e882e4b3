package io.outdial.campaign.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Request body limits: the small one of every request, and the large one of streamed contact imports. */
@ConfigMapping(prefix = "outdial")
public interface BodyLimitSettings {

    @WithName("http.max-body-size")
    @WithDefault("10M")
    MemorySize maxBodySize();

    @WithName("contacts.import.max-body-size")
    @WithDefault("2G")
    MemorySize importMaxBodySize();
}
