package io.outdial.campaign.application.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.domain.webhooks.WebhookEventType;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.ContactSettled;
import io.outdial.contract.events.ContactSettled.Settlement;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class WebhookIntakeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static ContactSettled settled(Settlement settlement, String finalStatus, CallOutcome outcome) {
        return new ContactSettled(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), null,
                1, settlement, finalStatus, outcome, null, NOW);
    }

    @Test
    void aReleaseWithoutAnOutcomeIsNotSentButEveryOtherSettlementIs() {
        assertEquals(List.of(), WebhookIntake.typesOf(settled(Settlement.RELEASED, null, null)),
                "a skip or an unheld claim: internal churn, the contact's fate is still to come");
        assertEquals(List.of(WebhookEventType.CONTACT_SETTLED),
                WebhookIntake.typesOf(settled(Settlement.RELEASED, null, CallOutcome.NOT_DIALED)));
        assertEquals(List.of(WebhookEventType.CONTACT_SETTLED),
                WebhookIntake.typesOf(settled(Settlement.RETRY, null, CallOutcome.NO_ANSWER)));
        assertEquals(List.of(WebhookEventType.CONTACT_SETTLED),
                WebhookIntake.typesOf(settled(Settlement.DONE, "completed", CallOutcome.ANSWERED)));
    }

    @Test
    void aCampaignCompletingIsBothAStatusChangeAndACompletion() {
        var completed = new CampaignStatusChanged(UUID.randomUUID().toString(), "team", "completed", "running", 10, "09:00", "17:00",
                "Etc/UTC", NOW);
        assertEquals(List.of(WebhookEventType.CAMPAIGN_STATUS_CHANGED, WebhookEventType.CAMPAIGN_COMPLETED),
                WebhookIntake.typesOf(completed));
    }
}
