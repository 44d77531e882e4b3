package io.outdial.campaign.domain;

import static io.outdial.campaign.domain.CampaignStatus.CANCELLED;
import static io.outdial.campaign.domain.CampaignStatus.COMPLETED;
import static io.outdial.campaign.domain.CampaignStatus.DRAFT;
import static io.outdial.campaign.domain.CampaignStatus.PAUSED;
import static io.outdial.campaign.domain.CampaignStatus.RUNNING;
import static io.outdial.campaign.domain.CampaignStatus.SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CampaignStatusTest {

    @Test
    void legalTransitionsAreExactlyTheDesignedOnes() {
        assertEquals(EnumSet.of(RUNNING, SCHEDULED, CANCELLED), DRAFT.next());
        assertEquals(EnumSet.of(RUNNING, DRAFT, CANCELLED), SCHEDULED.next());
        assertEquals(EnumSet.of(PAUSED, COMPLETED, CANCELLED), RUNNING.next());
        assertEquals(EnumSet.of(RUNNING, CANCELLED), PAUSED.next());
        assertEquals(EnumSet.of(RUNNING), COMPLETED.next());
        assertEquals(Set.of(), CANCELLED.next());
    }

    @Test
    void cancelledIsFinalAndCompletedCannotBeCancelled() {
        for (CampaignStatus s : CampaignStatus.values()) {
            assertFalse(CANCELLED.canBecome(s));
        }
        assertFalse(COMPLETED.canBecome(CANCELLED));
        assertFalse(DRAFT.canBecome(PAUSED));
        assertFalse(PAUSED.canBecome(COMPLETED));
    }

    @Test
    void onlyCapWindowRetriesAndComplianceChangeWhileRunning() {
        for (CampaignField field : CampaignField.values()) {
            boolean expected = switch (field) {
                case MAX_CONCURRENT_CALLS, CALL_WINDOW_START, CALL_WINDOW_END, CALL_WINDOW_TIMEZONE, MAX_RETRIES,
                        RETRY_DELAY_MINUTES, RETRY_RULES, COMPLIANCE_PROFILE, COMPLIANCE_OPT_OUT, REQUIRE_CONSENT -> true;
                default -> false;
            };
            assertEquals(expected, RUNNING.allowsChangeOf(field), field.apiName());
            assertTrue(DRAFT.allowsChangeOf(field));
            assertTrue(PAUSED.allowsChangeOf(field));
            assertFalse(CANCELLED.allowsChangeOf(field));
            assertFalse(COMPLETED.allowsChangeOf(field));
        }
    }

    @Test
    void onlyDraftCompletedAndCancelledMayBeDeleted() {
        assertTrue(DRAFT.isDeletable());
        assertTrue(COMPLETED.isDeletable());
        assertTrue(CANCELLED.isDeletable());
        assertFalse(RUNNING.isDeletable());
        assertFalse(PAUSED.isDeletable());
        assertFalse(SCHEDULED.isDeletable());
    }
}
