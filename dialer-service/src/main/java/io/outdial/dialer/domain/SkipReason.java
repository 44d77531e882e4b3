package io.outdial.dialer.domain;

import java.util.Locale;

/** Why a dial command was answered without an attempt; its wire form is the lower-case name. */
public enum SkipReason {
    EXPIRED, WINDOW_CLOSED, CAMPAIGN_PAUSED, CAMPAIGN_CANCELLED, AT_CAPACITY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
