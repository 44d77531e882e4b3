package io.outdial.campaign.domain;

import java.time.Instant;
import java.util.UUID;

import io.outdial.contract.events.CampaignStatusChanged;

/** What dialers keep of a campaign (status, cap, window), and the one place its status change event is built. */
public record CampaignDialing(UUID id, String teamId, String status, int maxConcurrentCalls, String callWindowStart,
        String callWindowEnd, String callWindowTimezone) {

    /** The event telling dialers the campaign is now in this state, having left {@code previous}. */
    public CampaignStatusChanged statusChanged(String previous, Instant at) {
        return new CampaignStatusChanged(id.toString(), teamId, status, previous, maxConcurrentCalls, callWindowStart,
                callWindowEnd, callWindowTimezone, at);
    }
}
