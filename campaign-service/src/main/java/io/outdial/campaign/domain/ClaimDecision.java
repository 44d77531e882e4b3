package io.outdial.campaign.domain;

import java.time.Instant;
import java.util.Locale;

import io.outdial.contract.CallWindow;

/**
 * Whether a dialer may place a call it was commanded to (claim before dial). The first claim of a
 * call id wins; later ones are refused as already claimed, so a redelivered command never dials twice.
 */
public enum ClaimDecision {
    GRANTED, ALREADY_CLAIMED, NOT_CURRENT, CAMPAIGN_NOT_RUNNING, WINDOW_CLOSED, AT_CAPACITY,
    /** The contact may not be called now (eligibility: do-not-call, consent, legal hours, the number's cap). */
    NOT_ELIGIBLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decides one claim. {@code contactStatus} and {@code currentCallId} describe the contact the
     * call was released for (null when the call id is unknown); {@code calling} counts the
     * campaign's contacts already in a call.
     */
    public static ClaimDecision decide(String callId, ContactStatus contactStatus, String currentCallId,
            CampaignStatus campaignStatus, CallWindow window, Instant now, long calling, int maxConcurrentCalls) {
        if (contactStatus == null || !callId.equals(currentCallId)) {
            return NOT_CURRENT;
        }
        if (contactStatus != ContactStatus.QUEUED) {
            return contactStatus == ContactStatus.CALLING || contactStatus.isTerminal() || contactStatus == ContactStatus.PENDING
                    ? ALREADY_CLAIMED
                    : NOT_CURRENT;
        }
        if (campaignStatus != CampaignStatus.RUNNING) {
            return CAMPAIGN_NOT_RUNNING;
        }
        if (!window.isOpenAt(now)) {
            return WINDOW_CLOSED;
        }
        if (calling >= maxConcurrentCalls) {
            return AT_CAPACITY;
        }
        return GRANTED;
    }
}
