package io.outdial.contract.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a call ended: one vocabulary for every telephony provider (DESIGN 4a). {@code ABANDONED},
 * {@code CARRIER_ERROR} and {@code CONFIG_ERROR} were added in contract 1.1 (the SIP provider).
 */
public enum CallOutcome {
    ANSWERED, VOICEMAIL, NO_ANSWER, BUSY, DECLINED, INVALID_NUMBER, ERROR, NOT_DIALED, ABANDONED, CARRIER_ERROR, CONFIG_ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallOutcome> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName().equals(name)).findFirst();
    }

    /** Whether a call with this outcome counts as an attempt on the contact. */
    public boolean isAttempt() {
        return this != NOT_DIALED;
    }

    /**
     * Whether a contact may be called again after this outcome (while attempts are left). A person
     * answered, declined or the number is wrong: never. A refused configuration would only fail
     * again: never. Not dialed is no attempt at all: the contact is released, not retried.
     */
    public boolean isRetryable() {
        return switch (this) {
            case VOICEMAIL, NO_ANSWER, BUSY, ABANDONED, CARRIER_ERROR, ERROR -> true;
            case ANSWERED, DECLINED, INVALID_NUMBER, CONFIG_ERROR, NOT_DIALED -> false;
        };
    }
}
