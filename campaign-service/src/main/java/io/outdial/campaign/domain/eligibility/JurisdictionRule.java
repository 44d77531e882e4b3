package io.outdial.campaign.domain.eligibility;

import java.util.Objects;

/**
 * The calling rule of one jurisdiction: its legal local hours and its cap on attempts per number in
 * a rolling 24 h (null = none). {@code jurisdiction} is "default" or an ISO 3166-2 code (US-FL);
 * {@code source} cites the law, for the audit.
 */
public record JurisdictionRule(String jurisdiction, LocalHours localHours, Integer maxAttemptsPer24h, String source) {

    public JurisdictionRule {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(localHours, "localHours");
        if (maxAttemptsPer24h != null && maxAttemptsPer24h < 1) {
            throw new IllegalArgumentException("maxAttemptsPer24h must be at least 1, or null for none");
        }
    }
}
