package io.outdial.campaign.domain.eligibility;

import java.util.Locale;

/** Why a contact is never called in this campaign (the API's {@code skipReason}). */
public enum SkipReason {
    DNC_LIST, CONTACT_DNC, NO_CONSENT, INVALID_NUMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
