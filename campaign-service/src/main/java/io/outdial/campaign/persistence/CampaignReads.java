package io.outdial.campaign.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.contract.EventCodec;
import io.outdial.contract.events.RetryRule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The API's reads of campaigns in one SQL statement each, caller IDs included, straight from rows
 * to detached {@link Campaign}s: no session, no entity loading, no dirty checking. A page of 50
 * campaigns costs two statements (the page and its total, sent at once) instead of a session and
 * four; the total is summed from the team's tallies unless the list filters by assistant. What
 * comes back is for reading: nothing saves it.
 */
@ApplicationScoped
public class CampaignReads {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final TypeReference<LinkedHashMap<String, Object>> SETTINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> VARIABLES = new TypeReference<>() {
    };

    /** Each campaign {@code c}'s caller IDs, in rotation order. */
    private static final String CALLER_IDS = """
             LEFT JOIN LATERAL (SELECT array_agg(p.id ORDER BY cp.position) AS caller_ids,
                                       array_agg(p.number ORDER BY cp.position) AS caller_numbers
                                  FROM campaign_phone_numbers cp JOIN phone_numbers p ON p.id = cp.phone_number_id
                                 WHERE cp.campaign_id = c.id) n ON true
            """;

    /**
     * What {@link #campaign(Row)} reads of campaign {@code c} and its caller IDs. The JSON columns come
     * as text, which Jackson reads once: as {@code jsonb} the client would first decode each into a
     * JsonObject and encode it back (on a page of 50 campaigns, 150 documents for nothing).
     */
    private static final String COLUMNS = """
            c.id, c.team_id, c.assistant_id, c.company_id, c.name, c.description, c.status,
            c.call_window_start, c.call_window_end, c.call_window_timezone, c.max_concurrent_calls, c.max_retries,
            c.retry_delay_minutes, c.ring_timeout_seconds, c.max_call_duration_seconds,
            c.retry_rules::text AS retry_rules, c.settings::text AS settings, c.variables::text AS variables,
            c.scheduled_start_at, c.started_at, c.completed_at, c.total_contacts, c.contacts_called,
            c.contacts_completed, c.contacts_answered, c.run_calls_left, c.next_number_index, c.config_error_streak,
            c.pause_reason, c.compliance_profile, c.compliance_opt_out, c.require_consent, c.created_at,
            c.updated_at, c.deleted_at, n.caller_ids, n.caller_numbers
            """;

    private static final String SELECT = "SELECT " + COLUMNS + " FROM campaigns c" + CALLER_IDS;

    private static final String WHERE = " WHERE c.team_id = $1 AND ($2::text IS NULL OR c.status = $2)"
            + " AND ($3::text IS NULL OR c.assistant_id = $3) AND ";

    /** Which soft-deleted campaigns a list shows. */
    public enum Deleted {
        EXCLUDE("c.deleted_at IS NULL", "NOT t.deleted"), INCLUDE("true", "true"), ONLY("c.deleted_at IS NOT NULL", "t.deleted");

        private final String condition;
        private final String tallyCondition;

        Deleted(String condition, String tallyCondition) {
            this.condition = condition;
            this.tallyCondition = tallyCondition;
        }
    }

    /** What a list shows: the team's campaigns, in a status, of an assistant (null: any). */
    public record Filter(String teamId, CampaignStatus status, String assistantId, Deleted deleted) {
    }

    private final Pool pool;

    public CampaignReads(Pool pool) {
        this.pool = pool;
    }

    /** The team's campaign unless deleted; null when there is none. */
    public Uni<Campaign> findLive(String teamId, UUID id) {
        return pool.preparedQuery(SELECT + " WHERE c.id = $1 AND c.team_id = $2 AND c.deleted_at IS NULL")
                .execute(Tuple.of(id, teamId))
                .map(rows -> rows.size() == 0 ? null : campaign(rows.iterator().next()));
    }

    /** One page of the campaigns the filter matches, newest first, and how many it matches in all. */
    public Uni<Page> list(Filter filter, PageRequest page) {
        String status = filter.status() == null ? null : filter.status().wireName();
        String where = WHERE + filter.deleted().condition;
        // The page is cut before the caller IDs join it: planned without statistics (a table that
        // just grew, before autovacuum analyzed it), the join ran for every campaign of the team.
        String order = " ORDER BY c.created_at DESC, c.id";
        Uni<List<Campaign>> campaigns = pool.preparedQuery("SELECT " + COLUMNS + " FROM (SELECT * FROM campaigns c"
                + where + order + " LIMIT $4 OFFSET $5) c" + CALLER_IDS + order)
                .execute(Tuple.tuple().addString(filter.teamId()).addString(status).addString(filter.assistantId())
                        .addLong((long) page.limit()).addLong((long) page.offset()))
                .map(CampaignReads::campaigns);
        Uni<Long> total = filter.assistantId() == null ? tally(filter.teamId(), status, filter.deleted())
                : pool.preparedQuery("SELECT count(*) FROM campaigns c" + where)
                        .execute(Tuple.tuple().addString(filter.teamId()).addString(status).addString(filter.assistantId()))
                        .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(campaigns, total).asTuple().map(both -> new Page(both.getItem1(), both.getItem2()));
    }

    public record Page(List<Campaign> campaigns, long total) {
    }

    /** How many of the team's campaigns are in {@code status} (null: any), from its tallies (V10). */
    private Uni<Long> tally(String teamId, String status, Deleted deleted) {
        return pool.preparedQuery("SELECT COALESCE(sum(t.campaigns), 0)::bigint FROM campaign_tallies t"
                + " WHERE t.team_id = $1 AND ($2::text IS NULL OR t.status = $2) AND " + deleted.tallyCondition)
                .execute(Tuple.of(teamId, status))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Folds each key's tally rows into one, in one statement: a reader sees the rows before or
     * after, with the same sums. Concurrent folds (one per replica) are safe: a row one of them
     * deleted is skipped by the other, which folds only what it deleted. How many rows it wrote.
     */
    public Uni<Integer> compactTallies() {
        return pool.query("""
                WITH gone AS (
                    DELETE FROM campaign_tallies t
                     WHERE (t.team_id, t.status, t.deleted) IN (SELECT team_id, status, deleted FROM campaign_tallies
                                                                  GROUP BY 1, 2, 3 HAVING count(*) > 1)
                    RETURNING t.team_id, t.status, t.deleted, t.campaigns)
                INSERT INTO campaign_tallies
                SELECT team_id, status, deleted, sum(campaigns) FROM gone GROUP BY 1, 2, 3 HAVING sum(campaigns) <> 0
                """).execute().map(RowSet::rowCount);
    }

    private static List<Campaign> campaigns(RowSet<Row> rows) {
        List<Campaign> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(campaign(row)));
        return out;
    }

    /** A campaign as its row holds it, with its caller IDs in rotation order. */
    static Campaign campaign(Row r) {
        Campaign c = new Campaign();
        c.id = r.getUUID("id");
        c.teamId = r.getString("team_id");
        c.assistantId = r.getString("assistant_id");
        c.companyId = r.getString("company_id");
        c.name = r.getString("name");
        c.description = r.getString("description");
        c.status = CampaignStatus.parse(r.getString("status")).orElseThrow();
        c.callWindowStart = r.getString("call_window_start");
        c.callWindowEnd = r.getString("call_window_end");
        c.callWindowTimezone = r.getString("call_window_timezone");
        c.maxConcurrentCalls = r.getInteger("max_concurrent_calls");
        c.maxRetries = r.getInteger("max_retries");
        c.retryDelayMinutes = r.getInteger("retry_delay_minutes");
        c.ringTimeoutSeconds = r.getInteger("ring_timeout_seconds");
        c.maxCallDurationSeconds = r.getInteger("max_call_duration_seconds");
        c.retryRules = new LinkedHashMap<>(RetryRule.rulesFromJson(r.getString("retry_rules")));
        c.settings = read(r.getString("settings"), SETTINGS);
        c.variables = read(r.getString("variables"), VARIABLES);
        c.scheduledStartAt = Rows.instant(r, "scheduled_start_at");
        c.startedAt = Rows.instant(r, "started_at");
        c.completedAt = Rows.instant(r, "completed_at");
        c.totalContacts = r.getLong("total_contacts");
        c.contactsCalled = r.getLong("contacts_called");
        c.contactsCompleted = r.getLong("contacts_completed");
        c.contactsAnswered = r.getLong("contacts_answered");
        c.runCallsLeft = r.getInteger("run_calls_left");
        c.nextNumberIndex = r.getInteger("next_number_index");
        c.configErrorStreak = r.getInteger("config_error_streak");
        c.pauseReason = r.getString("pause_reason");
        c.complianceProfile = r.getString("compliance_profile");
        c.complianceOptOut = r.getBoolean("compliance_opt_out");
        c.requireConsent = r.getBoolean("require_consent");
        c.createdAt = Rows.instant(r, "created_at");
        c.updatedAt = Rows.instant(r, "updated_at");
        c.deletedAt = Rows.instant(r, "deleted_at");
        UUID[] ids = r.getArrayOfUUIDs("caller_ids");
        String[] numbers = r.getArrayOfStrings("caller_numbers");
        c.callerIds = new ArrayList<>();
        for (int i = 0; ids != null && i < ids.length; i++) {
            PhoneNumber number = new PhoneNumber();
            number.id = ids[i];
            number.number = numbers[i];
            c.callerIds.add(number);
        }
        return c;
    }

    private static <T extends Map<String, ?>> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null ? "{}" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a campaign's JSON column is not readable", e);
        }
    }
}
