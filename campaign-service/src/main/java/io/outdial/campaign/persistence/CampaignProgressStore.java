package io.outdial.campaign.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.ProgressSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Campaigns' status and counters for live event streams: one statement reads every watched
 * campaign. Calls in progress are counted by the (campaign, status) index.
 */
@ApplicationScoped
public class CampaignProgressStore {

    private static final String SELECT = """
            SELECT c.id, c.status, c.pause_reason, c.total_contacts, c.contacts_called, c.contacts_completed,
                   c.contacts_answered, c.max_concurrent_calls, c.deleted_at IS NOT NULL AS gone,
                   (SELECT count(*) FROM campaign_contacts cc WHERE cc.campaign_id = c.id AND cc.status = 'calling')
                       AS calls_in_progress
              FROM campaigns c
            """;

    private final Pool pool;

    public CampaignProgressStore(Pool pool) {
        this.pool = pool;
    }

    /** The snapshots of those of the campaigns that exist, by id. */
    public Uni<Map<UUID, ProgressSnapshot>> read(List<UUID> campaignIds) {
        return pool.preparedQuery(SELECT + " WHERE c.id = ANY($1)")
                .execute(Tuple.of(campaignIds.toArray(new UUID[0]))).map(rows -> {
                    Map<UUID, ProgressSnapshot> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getUUID("id"), snapshot(row)));
                    return out;
                });
    }

    /** The snapshot of the team's campaign (deleted or not), or null when it has none of that id. */
    public Uni<ProgressSnapshot> readOwned(String teamId, UUID campaignId) {
        return pool.preparedQuery(SELECT + " WHERE c.id = $1 AND c.team_id = $2").execute(Tuple.of(campaignId, teamId))
                .map(rows -> rows.size() == 0 ? null : snapshot(rows.iterator().next()));
    }

    private static ProgressSnapshot snapshot(Row row) {
        return new ProgressSnapshot(row.getUUID("id"), row.getString("status"), row.getString("pause_reason"),
                row.getLong("total_contacts"), row.getLong("contacts_called"), row.getLong("contacts_completed"),
                row.getLong("contacts_answered"), row.getLong("calls_in_progress"), row.getInteger("max_concurrent_calls"),
                row.getBoolean("gone"));
    }
}
