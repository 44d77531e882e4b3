package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.api.Paging;
import io.outdial.campaign.domain.CampaignStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of {@code campaigns} and their caller IDs. Every method runs on the client (pool or transaction) it is given. */
@ApplicationScoped
public class CampaignRepository {

    /** Which soft-deleted campaigns a list shows. */
    public enum Deleted {
        EXCLUDE("c.deleted_at IS NULL"), INCLUDE("TRUE"), ONLY("c.deleted_at IS NOT NULL");

        private final String condition;

        Deleted(String condition) {
            this.condition = condition;
        }
    }

    public record Filter(String teamId, String status, String assistantId, Deleted deleted) {
    }

    /** The team's live (not deleted) campaign, or null. {@code lock} takes the row lock for an update. */
    public Uni<CampaignRecord> find(SqlClient client, String teamId, UUID id, boolean lock) {
        String sql = CampaignRecord.SELECT + " WHERE c.id = $1 AND c.team_id = $2 AND c.deleted_at IS NULL"
                + (lock ? " FOR UPDATE OF c" : "");
        return client.preparedQuery(sql).execute(Tuple.of(id, teamId))
                .map(rows -> rows.size() == 0 ? null : CampaignRecord.of(rows.iterator().next()));
    }

    public Uni<List<CampaignRecord>> list(SqlClient client, Filter filter, Paging paging) {
        String sql = CampaignRecord.SELECT + where(filter) + " ORDER BY c.created_at DESC, c.id LIMIT $4 OFFSET $5";
        return client.preparedQuery(sql)
                .execute(Tuple.of(filter.teamId(), filter.status(), filter.assistantId(), paging.limit(), paging.offset()))
                .map(rows -> {
                    List<CampaignRecord> out = new ArrayList<>();
                    rows.forEach(r -> out.add(CampaignRecord.of(r)));
                    return out;
                });
    }

    public Uni<Long> count(SqlClient client, Filter filter) {
        return client.preparedQuery("SELECT count(*) FROM campaigns c" + where(filter))
                .execute(Tuple.of(filter.teamId(), filter.status(), filter.assistantId()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static String where(Filter filter) {
        return " WHERE c.team_id = $1 AND ($2::text IS NULL OR c.status = $2) AND ($3::text IS NULL OR c.assistant_id = $3) AND "
                + filter.deleted().condition;
    }

    public Uni<Void> insert(SqlClient client, CampaignRecord c) {
        return client.preparedQuery("""
                INSERT INTO campaigns (id, team_id, assistant_id, company_id, name, description, status,
                    call_window_start, call_window_end, call_window_timezone, max_concurrent_calls, max_retries,
                    retry_delay_minutes, settings, scheduled_start_at, ring_timeout_seconds, max_call_duration_seconds,
                    retry_rules)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                """).execute(Tuple.from(new Object[] { c.id(), c.teamId(), c.assistantId(), c.companyId(), c.name(),
                c.description(), c.status().wireName(), c.callWindowStart(), c.callWindowEnd(), c.callWindowTimezone(),
                c.maxConcurrentCalls(), c.maxRetries(), c.retryDelayMinutes(), c.settings(),
                Rows.timestamp(c.scheduledStartAt()), c.callRules().ringTimeoutSeconds(),
                c.callRules().maxCallDurationSeconds(), c.retryRulesJson() }))
                .flatMap(ignored -> replaceNumbers(client, c.id(), c.fromNumberIds()));
    }

    /** Writes every configuration column of {@code c} (the caller merged the change into it). */
    public Uni<Void> updateConfig(SqlClient client, CampaignRecord c, boolean numbersChanged) {
        Uni<Void> update = client.preparedQuery("""
                UPDATE campaigns SET assistant_id = $2, company_id = $3, name = $4, description = $5,
                    call_window_start = $6, call_window_end = $7, call_window_timezone = $8, max_concurrent_calls = $9,
                    max_retries = $10, retry_delay_minutes = $11, settings = $12, scheduled_start_at = $13,
                    ring_timeout_seconds = $14, max_call_duration_seconds = $15, retry_rules = $16, updated_at = now()
                 WHERE id = $1
                """).execute(Tuple.from(new Object[] { c.id(), c.assistantId(), c.companyId(), c.name(), c.description(),
                c.callWindowStart(), c.callWindowEnd(), c.callWindowTimezone(), c.maxConcurrentCalls(), c.maxRetries(),
                c.retryDelayMinutes(), c.settings(), Rows.timestamp(c.scheduledStartAt()), c.callRules().ringTimeoutSeconds(),
                c.callRules().maxCallDurationSeconds(), c.retryRulesJson() }))
                .replaceWithVoid();
        return numbersChanged ? update.flatMap(ignored -> replaceNumbers(client, c.id(), c.fromNumberIds())) : update;
    }

    private Uni<Void> replaceNumbers(SqlClient client, UUID campaignId, List<UUID> numberIds) {
        Uni<Void> cleared = client.preparedQuery("DELETE FROM campaign_phone_numbers WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId)).replaceWithVoid();
        if (numberIds.isEmpty()) {
            return cleared;
        }
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < numberIds.size(); i++) {
            rows.add(Tuple.of(campaignId, numberIds.get(i), i));
        }
        return cleared.flatMap(ignored -> client
                .preparedQuery("INSERT INTO campaign_phone_numbers (campaign_id, phone_number_id, position) VALUES ($1, $2, $3)")
                .executeBatch(rows).replaceWithVoid());
    }

    /**
     * Moves a campaign to {@code status}, stamping {@code started_at} on its first run and
     * {@code completed_at} on completion; {@code runCallsLeft} is the budget of a new run (null = none).
     */
    public Uni<Void> setStatus(SqlClient client, UUID id, CampaignStatus status, Instant now, boolean newRun,
            Integer runCallsLeft) {
        return client.preparedQuery("""
                UPDATE campaigns SET status = $2,
                    started_at = CASE WHEN $2 = 'running' THEN COALESCE(started_at, $3) ELSE started_at END,
                    completed_at = CASE WHEN $2 = 'completed' THEN $3 WHEN $2 = 'running' THEN NULL ELSE completed_at END,
                    run_calls_left = CASE WHEN $4 THEN $5 ELSE run_calls_left END,
                    pause_reason = NULL,
                    config_error_streak = CASE WHEN $2 = 'running' THEN 0 ELSE config_error_streak END,
                    updated_at = now()
                 WHERE id = $1
                """).execute(Tuple.of(id, status.wireName(), Rows.timestamp(now), newRun, runCallsLeft)).replaceWithVoid();
    }

    public Uni<Void> softDelete(SqlClient client, UUID id, Instant now) {
        return client.preparedQuery("UPDATE campaigns SET deleted_at = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, Rows.timestamp(now))).replaceWithVoid();
    }

    public Uni<Void> addToTotal(SqlClient client, UUID id, long delta) {
        return client.preparedQuery("UPDATE campaigns SET total_contacts = total_contacts + $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, delta)).replaceWithVoid();
    }
}
