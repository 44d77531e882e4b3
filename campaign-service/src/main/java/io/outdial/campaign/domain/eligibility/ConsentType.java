package io.outdial.campaign.domain.eligibility;

import java.util.Locale;

/** The kind of consent a contact gave to be called (the API's {@code consent.type}). */
public enum ConsentType {
    EXPRESS_WRITTEN, EXPRESS, NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the wire name; null (no consent recorded) reads as {@link #NONE}. */
    public static ConsentType fromWire(String value) {
        if (value == null) {
            return NONE;
        }
        for (ConsentType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown consent type: " + value);
    }

    /** Whether this consent allows calls from a campaign that requires consent. */
    public boolean isExpress() {
        return this != NONE;
    }
}
