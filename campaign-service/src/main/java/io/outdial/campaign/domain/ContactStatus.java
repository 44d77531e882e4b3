package io.outdial.campaign.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A contact's state within one campaign: {@code pending → queued → calling → completed | failed |
 * pending (retry)}; {@code skipped} never dials; {@code cancelled} when the campaign is cancelled
 * before the contact was dialed.
 */
public enum ContactStatus {
    PENDING, QUEUED, CALLING, COMPLETED, FAILED, SKIPPED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }

    /** A dial command is outstanding or a call is in progress: the contact holds a credit. */
    public boolean isInFlight() {
        return this == QUEUED || this == CALLING;
    }
}
