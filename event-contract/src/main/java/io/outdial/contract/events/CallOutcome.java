package io.outdial.contract.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a call ended. */
public enum CallOutcome {
    ANSWERED, VOICEMAIL, NO_ANSWER, BUSY, DECLINED, INVALID_NUMBER, ERROR, NOT_DIALED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a call with this outcome counts as an attempt on the contact. */
    public boolean isAttempt() {
        return this != NOT_DIALED;
    }
}
