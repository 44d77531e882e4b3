package io.outdial.campaign.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How API keys age and how fast each may be used ({@code outdial.api-keys.*}). */
@ConfigMapping(prefix = "outdial.api-keys")
public interface ApiKeySettings {

    /** How long a rotated key keeps working; a rotation may ask for less, never more. */
    @WithDefault("PT24H")
    Duration rotationGrace();

    /** {@code lastUsedAt} is written at most once per this interval per key, so it may lag by as much. */
    @WithDefault("PT1M")
    Duration lastUsedInterval();

    /** {@code false} lets every key send as fast as it likes. */
    @WithName("rate-limit.enabled")
    @WithDefault("true")
    boolean rateLimitEnabled();

    /** Requests per second a key may send on average, per replica. */
    @WithName("rate-limit.per-second")
    @WithDefault("200")
    @Positive
    double rateLimitPerSecond();

    /** Requests a key may send at once, after a quiet spell, per replica. */
    @WithName("rate-limit.burst")
    @WithDefault("400")
    @Min(1)
    int rateLimitBurst();
}
