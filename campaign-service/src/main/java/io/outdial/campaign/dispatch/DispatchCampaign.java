package io.outdial.campaign.dispatch;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.outdial.campaign.domain.CallRules;
import io.outdial.campaign.domain.CampaignDialing;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.eligibility.CampaignFacts;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.RetryRule;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** What the dispatch loop reads of a campaign under its row lock or claim lock: one statement, caller IDs included. */
public record DispatchCampaign(UUID id, String teamId, String assistantId, CampaignStatus status, String callWindowStart,
        String callWindowEnd, String callWindowTimezone, int maxConcurrentCalls, int maxRetries, int retryDelayMinutes,
        Integer runCallsLeft, int nextNumberIndex, long totalContacts, List<String> fromNumbers, CallRules callRules,
        String complianceProfile, boolean requireConsent, Map<String, String> variables) {

    static final String SELECT = """
            SELECT c.id, c.team_id, c.assistant_id, c.status, c.call_window_start, c.call_window_end,
                   c.call_window_timezone, c.max_concurrent_calls, c.max_retries, c.retry_delay_minutes,
                   c.run_calls_left, c.next_number_index, c.total_contacts, c.ring_timeout_seconds,
                   c.max_call_duration_seconds, c.retry_rules, c.compliance_profile, c.require_consent,
                   c.variables,
                   ARRAY(SELECT p.number FROM campaign_phone_numbers cp JOIN phone_numbers p ON p.id = cp.phone_number_id
                          WHERE cp.campaign_id = c.id ORDER BY cp.position) AS from_numbers
              FROM campaigns c
            """;

    static DispatchCampaign of(Row row) {
        String[] numbers = row.getArrayOfStrings("from_numbers");
        Object rules = row.getValue("retry_rules");
        return new DispatchCampaign(row.getUUID("id"), row.getString("team_id"), row.getString("assistant_id"),
                CampaignStatus.parse(row.getString("status")).orElseThrow(), row.getString("call_window_start"),
                row.getString("call_window_end"), row.getString("call_window_timezone"),
                row.getInteger("max_concurrent_calls"), row.getInteger("max_retries"), row.getInteger("retry_delay_minutes"),
                row.getInteger("run_calls_left"), row.getInteger("next_number_index"), row.getLong("total_contacts"),
                numbers == null ? List.of() : Arrays.asList(numbers),
                new CallRules(row.getInteger("ring_timeout_seconds"), row.getInteger("max_call_duration_seconds"),
                        rules instanceof JsonObject json ? RetryRule.rulesFromJson(json.encode()) : Map.of()),
                row.getString("compliance_profile"), row.getBoolean("require_consent"), Rows.textByName(row, "variables"));
    }

    /** The dialing part of a {@code campaigns} row as {@code RETURNING *} gives it. */
    static CampaignDialing dialing(Row row) {
        return new CampaignDialing(row.getUUID("id"), row.getString("team_id"), row.getString("status"),
                row.getInteger("max_concurrent_calls"), row.getString("call_window_start"), row.getString("call_window_end"),
                row.getString("call_window_timezone"));
    }

    public CallWindow window() {
        return CallWindow.of(callWindowStart, callWindowEnd, callWindowTimezone);
    }

    /** What eligibility needs to know of the campaign. */
    public CampaignFacts facts() {
        return CampaignFacts.of(callWindowStart, callWindowEnd, callWindowTimezone, complianceProfile, requireConsent);
    }

    public CampaignDialing dialing() {
        return new CampaignDialing(id, teamId, status.wireName(), maxConcurrentCalls, callWindowStart, callWindowEnd,
                callWindowTimezone);
    }
}
