package io.outdial.contract.events;

import java.time.Instant;

/** A campaign moved between states; carries the configuration dialers need to act on it. */
public record CampaignStatusChanged(
        String campaignId,
        String teamId,
        String status,
        String previousStatus,
        int maxConcurrentCalls,
        String callWindowStart,
        String callWindowEnd,
        String callWindowTimezone,
        Instant changedAt) implements CampaignEvent {
}
