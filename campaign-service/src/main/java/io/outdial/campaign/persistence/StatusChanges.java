package io.outdial.campaign.persistence;

import java.time.Instant;

import io.outdial.contract.events.CampaignStatusChanged;
import io.vertx.mutiny.sqlclient.Row;

/** {@code CampaignStatusChanged} events from the campaigns rows a transition returned. */
public final class StatusChanges {

    private StatusChanges() {
    }

    /** The event for a {@code campaigns} row (as {@code RETURNING *} gives it) that left {@code previous}. */
    public static CampaignStatusChanged fromRow(Row campaign, String previous, Instant at) {
        return new CampaignStatusChanged(campaign.getUUID("id").toString(), campaign.getString("team_id"),
                campaign.getString("status"), previous, campaign.getInteger("max_concurrent_calls"),
                campaign.getString("call_window_start"), campaign.getString("call_window_end"),
                campaign.getString("call_window_timezone"), at);
    }
}
