package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.CallWindow;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClaimDecisionTest {

    private static final CallWindow ALWAYS = CallWindow.of("00:00", "23:59", "Etc/UTC");
    private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

    private static ClaimDecision decide(ContactStatus status, String current, CampaignStatus campaign, CallWindow window,
            long calling) {
        return ClaimDecision.decide("call-1", status, current, campaign, window, NOON, calling, 2);
    }

    @Test
    void queuedCurrentCallOfARunningCampaignWithinWindowAndCapIsGranted() {
        assertEquals(ClaimDecision.GRANTED, decide(ContactStatus.QUEUED, "call-1", CampaignStatus.RUNNING, ALWAYS, 1));
    }

    @Test
    void aSecondClaimOfTheSameCallIsRefused() {
        assertEquals(ClaimDecision.ALREADY_CLAIMED, decide(ContactStatus.CALLING, "call-1", CampaignStatus.RUNNING, ALWAYS, 1));
        assertEquals(ClaimDecision.ALREADY_CLAIMED, decide(ContactStatus.COMPLETED, "call-1", CampaignStatus.RUNNING, ALWAYS, 0));
    }

    @Test
    void aCallThatIsNoLongerTheContactsCurrentOneIsRefused() {
        assertEquals(ClaimDecision.NOT_CURRENT, decide(ContactStatus.QUEUED, "call-2", CampaignStatus.RUNNING, ALWAYS, 0));
        assertEquals(ClaimDecision.NOT_CURRENT, decide(null, null, CampaignStatus.RUNNING, ALWAYS, 0));
    }

    @Test
    void pausedCampaignClosedWindowAndFullCapRefuse() {
        assertEquals(ClaimDecision.CAMPAIGN_NOT_RUNNING, decide(ContactStatus.QUEUED, "call-1", CampaignStatus.PAUSED, ALWAYS, 0));
        assertEquals(ClaimDecision.WINDOW_CLOSED, decide(ContactStatus.QUEUED, "call-1", CampaignStatus.RUNNING,
                CallWindow.of("13:00", "14:00", "Etc/UTC"), 0));
        assertEquals(ClaimDecision.AT_CAPACITY, decide(ContactStatus.QUEUED, "call-1", CampaignStatus.RUNNING, ALWAYS, 2));
    }
}
