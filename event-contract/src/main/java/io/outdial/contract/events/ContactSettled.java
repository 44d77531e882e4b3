package io.outdial.contract.events;

import java.time.Instant;

/**
 * What happens to a campaign contact after one call: {@code RETRY} at {@code nextAttemptAt},
 * {@code DONE} with its final status and outcome, or {@code RELEASED} (no attempt; back to pending).
 */
public record ContactSettled(
        String callId,
        String campaignId,
        String campaignContactId,
        String contactId,
        int attempt,
        Settlement settlement,
        String finalStatus,
        CallOutcome outcome,
        Instant nextAttemptAt,
        Instant settledAt) implements CampaignEvent {

    public enum Settlement { RETRY, DONE, RELEASED }
}
