package io.outdial.contract.events;

import java.time.Instant;

/** A snapshot of a campaign's counters; a higher {@code version} supersedes a lower one. */
public record CampaignProgress(
        String campaignId,
        long version,
        long contactsCalled,
        long contactsCompleted,
        long contactsAnswered,
        long callsInProgress,
        Instant asOf) implements CampaignEvent {
}
