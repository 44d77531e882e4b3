package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.ContactSelector;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.MemberKey;
import io.outdial.campaign.domain.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SQL of {@code campaign_contacts}: a contact's membership and state in one campaign. On the reactive
 * client, as membership changes share a transaction with the dispatch loop's campaign row lock and
 * join contacts in bulk (one statement for thousands).
 */
@ApplicationScoped
public class CampaignContactRepository {

    /** A team's CRM contact as a campaign needs it. */
    public record ContactRef(UUID id, String phone, boolean doNotCall) {
    }

    /** A contact about to join a campaign: pending, or skipped with a reason. */
    public record NewMember(UUID contactId, ContactStatus status, String reason) {
    }

    public record Member(UUID id, UUID contactId, ContactStatus status, String outcome, String skipReason, int attempts,
            int priority, Instant lastAttemptAt, Instant nextAttemptAt, Instant completedAt, String toNumber,
            String fromNumber, Instant nextEligibleAt, String waitReason, Instant createdAt, long seq) {
        static Member of(Row row) {
            return new Member(row.getUUID("id"), row.getUUID("contact_id"),
                    ContactStatus.parse(row.getString("status")).orElseThrow(), row.getString("outcome"),
                    row.getString("skip_reason"), row.getInteger("attempts"), row.getInteger("priority"),
                    Rows.instant(row, "last_attempt_at"), Rows.instant(row, "next_attempt_at"),
                    Rows.instant(row, "completed_at"), row.getString("phone"), row.getString("from_number"),
                    Rows.instant(row, "next_eligible_at"), row.getString("wait_reason"), Rows.instant(row, "created_at"),
                    row.getLong("seq"));
        }

        /** Its place in the campaign's list. */
        public MemberKey key() {
            return new MemberKey(priority, createdAt, seq);
        }
    }

    /** How many contacts a selector matched and how many of them joined (the others were members already). */
    public record Matched(long matched, long added) {
    }

    private static final String SELECT_MEMBER = """
            SELECT cc.*, c.phone FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
            """;

    /**
     * The team's contacts among {@code ids}, locked against deletion until the transaction ends (a
     * contact being deleted is waited for, and then is not found), so they can join a campaign.
     */
    public Uni<List<ContactRef>> findTeamContacts(SqlClient client, String teamId, List<UUID> ids) {
        return client.preparedQuery("""
                SELECT id, phone, do_not_call FROM contacts WHERE team_id = $1 AND id = ANY($2) ORDER BY id FOR KEY SHARE
                """)
                .execute(Tuple.of(teamId, ids.toArray(new UUID[0])))
                .map(rows -> {
                    List<ContactRef> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ContactRef(r.getUUID("id"), r.getString("phone"), r.getBoolean("do_not_call"))));
                    return out;
                });
    }

    /** Inserts the members not yet in the campaign; emits the contact ids it inserted. */
    public Uni<Set<UUID>> insert(SqlClient client, UUID campaignId, List<NewMember> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        UUID[] ids = new UUID[members.size()];
        UUID[] contactIds = new UUID[members.size()];
        String[] statuses = new String[members.size()];
        String[] reasons = new String[members.size()];
        for (int i = 0; i < members.size(); i++) {
            ids[i] = UUID.randomUUID();
            contactIds[i] = members.get(i).contactId();
            statuses[i] = members.get(i).status().wireName();
            reasons[i] = members.get(i).reason();
        }
        return client.preparedQuery("""
                INSERT INTO campaign_contacts (id, campaign_id, contact_id, status, skip_reason, outcome, completed_at)
                SELECT m.id, $1, m.contact_id, m.status, m.reason,
                       m.reason, CASE WHEN m.status = 'skipped' THEN now() END
                  FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS m(id, contact_id, status, reason)
                ON CONFLICT (campaign_id, contact_id) DO NOTHING
                RETURNING contact_id
                """).execute(Tuple.of(campaignId, ids, contactIds, statuses, reasons))
                .map(rows -> {
                    Set<UUID> inserted = new HashSet<>();
                    rows.forEach(r -> inserted.add(r.getUUID("contact_id")));
                    return inserted;
                });
    }

    /**
     * A page in dialing order and the row after it, if any: after {@code paging.offset()} rows, or,
     * when {@code after} is given, from the first row past that key (keyset paging, no offset).
     */
    public Uni<List<Member>> list(SqlClient client, UUID campaignId, String status, PageRequest paging, MemberKey after) {
        long limit = paging.limit() + 1L;
        if (after == null) {
            return members(client, SELECT_MEMBER + """
                     WHERE cc.campaign_id = $1 AND ($2::text IS NULL OR cc.status = $2)
                     ORDER BY cc.priority DESC, cc.created_at, cc.seq LIMIT $3 OFFSET $4
                    """, Tuple.of(campaignId, status, limit, paging.offset()));
        }
        return members(client, SELECT_MEMBER + """
                 WHERE cc.campaign_id = $1 AND ($2::text IS NULL OR cc.status = $2)
                   AND (cc.priority < $4 OR (cc.priority = $4 AND (cc.created_at, cc.seq) > ($5, $6)))
                 ORDER BY cc.priority DESC, cc.created_at, cc.seq LIMIT $3
                """, Tuple.from(Arrays.asList(campaignId, status, limit, after.priority(),
                Rows.timestamp(after.createdAt()), after.seq())));
    }

    private static Uni<List<Member>> members(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rows -> {
            List<Member> out = new ArrayList<>();
            rows.forEach(r -> out.add(Member.of(r)));
            return out;
        });
    }

    /**
     * Adds every contact of the team the selector matches, in one statement: in the order they were
     * created, pending, or skipped when flagged do-not-call or their number is not in E.164 form (the
     * feeder's eligibility check judges the number fully before dialing). Members already there stay
     * as they are. The matched contacts are locked against deletion until the transaction ends.
     */
    public Uni<Matched> insertMatching(SqlClient client, UUID campaignId, String teamId, ContactSelector selector) {
        String condition;
        Object value;
        if (selector instanceof ContactSelector.Tagged tagged) {
            condition = "c.tags @> ARRAY[$3::text]";
            value = tagged.tag();
        } else if (selector instanceof ContactSelector.OfCompany company) {
            condition = "c.company_id = $3";
            value = company.companyId();
        } else if (selector instanceof ContactSelector.FromImport fromImport) {
            condition = "c.import_id = $3";
            value = fromImport.importId();
        } else {
            // All: the parameter is still named, so that every form of the statement takes the same three.
            condition = "$3::text IS NULL";
            value = null;
        }
        return client.preparedQuery("""
                WITH matched AS (
                    SELECT c.id, c.created_at,
                           CASE WHEN c.do_not_call THEN 'do_not_call'
                                WHEN c.phone !~ '^\\+[1-9][0-9]{6,14}$' THEN 'invalid_number' END AS reason
                      FROM contacts c
                     WHERE c.team_id = $2 AND %s
                     ORDER BY c.created_at, c.id
                       FOR KEY SHARE OF c
                ), joined AS (
                    INSERT INTO campaign_contacts (id, campaign_id, contact_id, status, skip_reason, outcome, completed_at)
                    SELECT gen_random_uuid(), $1, m.id, CASE WHEN m.reason IS NULL THEN 'pending' ELSE 'skipped' END,
                           m.reason, m.reason, CASE WHEN m.reason IS NOT NULL THEN now() END
                      FROM matched m
                     ORDER BY m.created_at, m.id
                    ON CONFLICT (campaign_id, contact_id) DO NOTHING
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM matched) AS matched, (SELECT count(*) FROM joined) AS added
                """.formatted(condition)).execute(Tuple.of(campaignId, teamId, value))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Matched(row.getLong("matched"), row.getLong("added"));
                });
    }

    /** Members per status, every status present (zero when none). */
    public Uni<Map<String, Long>> statusCounts(SqlClient client, UUID campaignId) {
        return client.preparedQuery("SELECT status, count(*) FROM campaign_contacts WHERE campaign_id = $1 GROUP BY status")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (ContactStatus s : ContactStatus.values()) {
                        counts.put(s.wireName(), 0L);
                    }
                    rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
                    return counts;
                });
    }

    public Uni<Member> findMember(SqlClient client, UUID campaignId, UUID contactId) {
        return client.preparedQuery(SELECT_MEMBER + " WHERE cc.campaign_id = $1 AND cc.contact_id = $2 FOR UPDATE OF cc")
                .execute(Tuple.of(campaignId, contactId))
                .map(rows -> rows.size() == 0 ? null : Member.of(rows.iterator().next()));
    }

    public Uni<Void> addToTotal(SqlClient client, UUID campaignId, long delta) {
        return client.preparedQuery("UPDATE campaigns SET total_contacts = total_contacts + $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(campaignId, delta)).replaceWithVoid();
    }

    public Uni<Void> remove(SqlClient client, UUID memberId) {
        return client.preparedQuery("DELETE FROM campaign_contacts WHERE id = $1").execute(Tuple.of(memberId)).replaceWithVoid();
    }




    /** Pending contacts that wait for a time (their calling hours, a retry, the number's cap), not for a slot. */
    public Uni<Long> countWaiting(SqlClient client, UUID campaignId) {
        return client.preparedQuery("""
                SELECT count(*) FROM campaign_contacts
                 WHERE campaign_id = $1 AND status = 'pending' AND next_eligible_at IS NOT NULL
                """).execute(Tuple.of(campaignId)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Long> countByStatus(SqlClient client, UUID campaignId, ContactStatus status) {
        return client.preparedQuery("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = $2")
                .execute(Tuple.of(campaignId, status.wireName())).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<Member>> skipped(SqlClient client, UUID campaignId, int limit) {
        return client.preparedQuery(SELECT_MEMBER + " WHERE cc.campaign_id = $1 AND cc.status = 'skipped' ORDER BY cc.created_at, cc.seq LIMIT $2")
                .execute(Tuple.of(campaignId, limit))
                .map(rows -> {
                    List<Member> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Member.of(r)));
                    return out;
                });
    }
}
