package io.outdial.campaign.domain.eligibility;

import java.util.Objects;

import io.outdial.contract.CallWindow;

/** What eligibility needs to know of a campaign; a null profile reads as {@link ComplianceProfile#DEFAULT}. */
public record CampaignFacts(CallWindow window, ComplianceProfile profile, boolean requireConsent) {

    public CampaignFacts {
        Objects.requireNonNull(window, "window");
        profile = profile == null ? ComplianceProfile.DEFAULT : profile;
    }

    /** From stored values: window as HH:MM and an IANA zone, profile by its wire name (null = default). */
    public static CampaignFacts of(String windowStart, String windowEnd, String windowTimezone, String complianceProfile,
            boolean requireConsent) {
        return new CampaignFacts(CallWindow.of(windowStart, windowEnd, windowTimezone),
                ComplianceProfile.fromWire(complianceProfile), requireConsent);
    }
}
