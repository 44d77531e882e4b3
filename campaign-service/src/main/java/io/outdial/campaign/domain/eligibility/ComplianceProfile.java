package io.outdial.campaign.domain.eligibility;

import java.util.Locale;
import java.util.Optional;

import io.outdial.campaign.domain.ContactDraft.Violation;

/**
 * Which legal rules a campaign dials under (the API's {@code complianceProfile}). {@link #US_TCPA}
 * applies the jurisdiction rules file; {@link #NONE} applies no legal calling hours nor
 * jurisdiction caps, and is accepted only with {@code complianceOptOut: true}.
 */
public enum ComplianceProfile {
    US_TCPA, NONE;

    /** The profile of a campaign that names none: the safe one. */
    public static final ComplianceProfile DEFAULT = US_TCPA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the wire name; null reads as {@link #DEFAULT}. */
    public static ComplianceProfile fromWire(String value) {
        if (value == null) {
            return DEFAULT;
        }
        for (ComplianceProfile profile : values()) {
            if (profile.wireName().equals(value)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown compliance profile: " + value);
    }

    /**
     * Checks a campaign's {@code complianceProfile} and {@code complianceOptOut} as a client sent
     * them (either may be null); the violation names the field to correct.
     */
    public static Optional<Violation> validate(String complianceProfile, Boolean complianceOptOut) {
        ComplianceProfile profile;
        try {
            profile = fromWire(complianceProfile);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Violation("complianceProfile", "must be us_tcpa or none"));
        }
        if (profile == NONE && !Boolean.TRUE.equals(complianceOptOut)) {
            return Optional.of(new Violation("complianceOptOut",
                    "must be true when complianceProfile is none (its calls ignore legal calling hours and frequency caps)"));
        }
        return Optional.empty();
    }
}
