package io.outdial.campaign.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the feeder releases dial commands ({@code outdial.dispatch.*}). */
@ConfigMapping(prefix = "outdial.dispatch")
public interface DispatchSettings {

    /** The feeder's backstop timer (windows opening, retries falling due), e.g. {@code 1s}; {@code off} in tests. */
    @WithDefault("1s")
    String tick();

    /** How long a dial command may wait for its claim before the dialer must drop it. */
    @WithDefault("PT60S")
    Duration commandTtl();

    /** How long after its expiry an unclaimed command is returned to pending. */
    @WithDefault("PT10S")
    Duration expiryGrace();

    /**
     * How long a granted claim holds its call without renewal. The dialer renews every third of
     * it; a call whose lease runs out is settled as lost, and its contact may be dialed again.
     */
    @WithDefault("PT30S")
    Duration lease();
}
