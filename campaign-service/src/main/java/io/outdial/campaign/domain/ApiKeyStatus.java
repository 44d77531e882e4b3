package io.outdial.campaign.domain;

import java.time.Instant;
import java.util.Locale;

/** Where an API key is in its life. Only active and rotated keys (the latter until their grace ends) are accepted. */
public enum ApiKeyStatus {
    ACTIVE,
    /** Replaced by a newer key; accepted until its {@code expiresAt}, the end of the rotation's grace period. */
    ROTATED,
    EXPIRED,
    REVOKED;

    public static ApiKeyStatus of(Instant revokedAt, Instant expiresAt, boolean replaced, Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        return replaced ? ROTATED : ACTIVE;
    }

    public boolean accepted() {
        return this == ACTIVE || this == ROTATED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
