package io.outdial.campaign.application;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.campaign.config.ApiKeySettings;
import io.outdial.campaign.domain.TokenBucket;

/**
 * How fast each API key may send requests: a token bucket per key ({@code outdial.api-keys.rate-limit.*}).
 * The buckets live in this replica's memory, so with n replicas behind a balancer a key may send up
 * to n times the configured rate.
 */
@ApplicationScoped
public class ApiKeyRateLimiter {

    private final boolean enabled;
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public ApiKeyRateLimiter(ApiKeySettings settings) {
        this(settings.rateLimitEnabled(), settings.rateLimitPerSecond(), settings.rateLimitBurst(), System::nanoTime);
    }

    ApiKeyRateLimiter(boolean enabled, double perSecond, int burst, LongSupplier nanoTime) {
        this.enabled = enabled;
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the key's bucket. */
    public TokenBucket.Decision tryTake(UUID keyId) {
        if (!enabled) {
            return TokenBucket.Decision.ALLOWED;
        }
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(keyId, id -> new TokenBucket(perSecond, burst, now)).tryTake(now);
    }
}
