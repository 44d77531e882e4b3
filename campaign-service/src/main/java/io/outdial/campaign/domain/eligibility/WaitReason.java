package io.outdial.campaign.domain.eligibility;

import java.util.Locale;

/** Why a contact that may be called later is not callable now (the API's {@code waitReason}). */
public enum WaitReason {
    RETRY_DELAY, FREQUENCY_CAP, CAMPAIGN_WINDOW, OUTSIDE_LOCAL_HOURS, TIMEZONE_UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
