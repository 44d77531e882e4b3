package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.outdial.campaign.domain.CallRules;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.RetryRule;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** One row of {@code campaigns} with its caller IDs in rotation order. */
public record CampaignRecord(
        UUID id,
        String teamId,
        String assistantId,
        String companyId,
        String name,
        String description,
        CampaignStatus status,
        String callWindowStart,
        String callWindowEnd,
        String callWindowTimezone,
        int maxConcurrentCalls,
        int maxRetries,
        int retryDelayMinutes,
        JsonObject settings,
        Instant scheduledStartAt,
        Instant startedAt,
        Instant completedAt,
        long totalContacts,
        long contactsCalled,
        long contactsCompleted,
        long contactsAnswered,
        Integer runCallsLeft,
        int nextNumberIndex,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        List<UUID> fromNumberIds,
        List<String> fromNumbers,
        CallRules callRules,
        String pauseReason) {

    /** Selects a campaign with its caller IDs; append WHERE clauses. */
    static final String SELECT = """
            SELECT c.*,
                   ARRAY(SELECT cp.phone_number_id FROM campaign_phone_numbers cp
                          WHERE cp.campaign_id = c.id ORDER BY cp.position) AS from_number_ids,
                   ARRAY(SELECT p.number FROM campaign_phone_numbers cp JOIN phone_numbers p ON p.id = cp.phone_number_id
                          WHERE cp.campaign_id = c.id ORDER BY cp.position) AS from_numbers
              FROM campaigns c
            """;

    static CampaignRecord of(Row row) {
        UUID[] ids = row.getArrayOfUUIDs("from_number_ids");
        String[] numbers = row.getArrayOfStrings("from_numbers");
        Object settings = row.getValue("settings");
        return new CampaignRecord(
                row.getUUID("id"),
                row.getString("team_id"),
                row.getString("assistant_id"),
                row.getString("company_id"),
                row.getString("name"),
                row.getString("description"),
                CampaignStatus.parse(row.getString("status")).orElseThrow(),
                row.getString("call_window_start"),
                row.getString("call_window_end"),
                row.getString("call_window_timezone"),
                row.getInteger("max_concurrent_calls"),
                row.getInteger("max_retries"),
                row.getInteger("retry_delay_minutes"),
                settings instanceof JsonObject json ? json : new JsonObject(),
                Rows.instant(row, "scheduled_start_at"),
                Rows.instant(row, "started_at"),
                Rows.instant(row, "completed_at"),
                row.getLong("total_contacts"),
                row.getLong("contacts_called"),
                row.getLong("contacts_completed"),
                row.getLong("contacts_answered"),
                row.getInteger("run_calls_left"),
                row.getInteger("next_number_index"),
                Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"),
                Rows.instant(row, "deleted_at"),
                ids == null ? List.of() : Arrays.asList(ids),
                numbers == null ? List.of() : Arrays.asList(numbers),
                new CallRules(row.getInteger("ring_timeout_seconds"), row.getInteger("max_call_duration_seconds"),
                        retryRules(row.getValue("retry_rules"))),
                row.getString("pause_reason"));
    }

    private static Map<String, RetryRule> retryRules(Object column) {
        return column instanceof JsonObject json ? RetryRule.rulesFromJson(json.encode()) : Map.of();
    }

    /** The retry rules as stored in {@code campaigns.retry_rules}. */
    JsonObject retryRulesJson() {
        return new JsonObject(RetryRule.rulesToJson(callRules.retryRules()));
    }

    public CallWindow window() {
        return CallWindow.of(callWindowStart, callWindowEnd, callWindowTimezone);
    }

    /** The primary caller ID: the first in rotation order. */
    public String fromNumber() {
        return fromNumbers.isEmpty() ? null : fromNumbers.get(0);
    }
}
