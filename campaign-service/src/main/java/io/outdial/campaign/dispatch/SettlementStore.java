package io.outdial.campaign.dispatch;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.CampaignDialing;
import io.outdial.campaign.domain.ConfigErrorStreak;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.ContactSettled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of settling contacts: each step one statement in the caller's transaction, whatever
 * the number of contacts.
 */
@ApplicationScoped
public class SettlementStore {

    // A retry waits out of the dialable index until it is due; the feeder's wake-up finds it by time.
    // Released without an outcome (a skip, a refusal, a claim unanswered): its dialer never held the
    // claim, which another dialer may hold, so only a contact still queued goes back. Released
    // not_dialed: the holder gave the claim back, and the contact leaves its call.
    // Of a contact's settlements in one statement the first that applies wins, as if they had been
    // applied one by one: after it the contact is no longer in that call, so none of the others would apply.
    private static final String SETTLE = """
            WITH s AS (
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                                     $7::timestamptz[], $8::timestamptz[], $9::bool[])
                       WITH ORDINALITY AS s(member, call_id, settlement, final_status, outcome, next_attempt_at,
                                            retry_waits_until, settled_at, gave_back, position)
            ), first AS (
                SELECT DISTINCT ON (s.member) s.*
                  FROM s JOIN campaign_contacts c ON c.id = s.member AND c.current_call_id = s.call_id
                 WHERE c.status = 'queued' OR (c.status = 'calling' AND (s.settlement <> 'released' OR s.gave_back))
                 ORDER BY s.member, s.position
            )
            UPDATE campaign_contacts c SET
                   status = CASE WHEN f.settlement = 'done' THEN f.final_status ELSE 'pending' END,
                   current_call_id = CASE WHEN f.settlement = 'done' THEN c.current_call_id END,
                   command_expires_at = NULL,
                   outcome = CASE WHEN f.settlement = 'released' THEN c.outcome ELSE f.outcome END,
                   next_attempt_at = CASE f.settlement WHEN 'retry' THEN f.next_attempt_at WHEN 'done' THEN NULL
                                     ELSE c.next_attempt_at END,
                   next_eligible_at = CASE WHEN f.settlement = 'retry' THEN f.retry_waits_until ELSE c.next_eligible_at END,
                   wait_reason = CASE WHEN f.settlement <> 'retry' THEN c.wait_reason
                                      WHEN f.retry_waits_until IS NULL THEN NULL ELSE 'retry_delay' END,
                   completed_at = CASE WHEN f.settlement = 'done' THEN f.settled_at ELSE c.completed_at END
              FROM first f
             WHERE c.id = f.member AND c.current_call_id = f.call_id
               AND (c.status = 'queued' OR (c.status = 'calling' AND (f.settlement <> 'released' OR f.gave_back)))
            RETURNING f.position
            """;

    /**
     * Applies settlements in one statement; emits the positions (from 0, in {@code settlements}) of
     * those that moved their contact, in order. A settlement moves its contact only while its call
     * is the contact's current one.
     */
    public Uni<List<Integer>> settleAll(SqlClient tx, List<ContactSettled> settlements) {
        if (settlements.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = settlements.size();
        UUID[] members = new UUID[n];
        UUID[] calls = new UUID[n];
        String[] kinds = new String[n];
        String[] finalStatuses = new String[n];
        String[] outcomes = new String[n];
        OffsetDateTime[] nextAttempts = new OffsetDateTime[n];
        OffsetDateTime[] waitsUntil = new OffsetDateTime[n];
        OffsetDateTime[] settledAt = new OffsetDateTime[n];
        Boolean[] gaveBack = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ContactSettled s = settlements.get(i);
            members[i] = UUID.fromString(s.campaignContactId());
            calls[i] = UUID.fromString(s.callId());
            kinds[i] = s.settlement().name().toLowerCase(Locale.ROOT);
            finalStatuses[i] = s.finalStatus();
            outcomes[i] = s.outcome() == null ? null : s.outcome().wireName();
            nextAttempts[i] = Rows.timestamp(s.nextAttemptAt());
            waitsUntil[i] = Rows.timestamp(retryWaitsUntil(s));
            settledAt[i] = Rows.timestamp(s.settledAt());
            gaveBack[i] = s.outcome() == CallOutcome.NOT_DIALED;
        }
        return tx.preparedQuery(SETTLE)
                .execute(Tuple.from(new Object[] { members, calls, kinds, finalStatuses, outcomes, nextAttempts, waitsUntil,
                        settledAt, gaveBack }))
                .map(rows -> {
                    List<Integer> moved = new ArrayList<>();
                    rows.forEach(row -> moved.add(row.getLong(0).intValue() - 1));
                    Collections.sort(moved);
                    return moved;
                });
    }

    /** When a retry is not due at once, the time it waits until; null when it is due at settlement. */
    private static java.time.Instant retryWaitsUntil(ContactSettled s) {
        return s.nextAttemptAt() != null && s.settledAt() != null && s.nextAttemptAt().isAfter(s.settledAt())
                ? s.nextAttemptAt()
                : null;
    }

    /** Applies a change of the config-error streak; emits the streak now, or null when the campaign had none to change. */
    public Uni<Integer> changeStreak(SqlClient tx, UUID campaign, ConfigErrorStreak.Change change) {
        return tx.preparedQuery("""
                UPDATE campaigns SET config_error_streak = CASE WHEN $2 THEN $3 ELSE config_error_streak + $3 END
                 WHERE id = $1 AND (config_error_streak > 0 OR $3 > 0)
                RETURNING config_error_streak
                """).execute(Tuple.of(campaign, change.reset(), change.add()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
    }

    /** Pauses a running campaign for a reason of the system's; null when it was not running. */
    public Uni<CampaignDialing> pauseRunning(SqlClient tx, UUID campaign, String reason) {
        return tx.preparedQuery("""
                UPDATE campaigns SET status = 'paused', pause_reason = $2, updated_at = now()
                 WHERE id = $1 AND status = 'running'
                RETURNING *
                """).execute(Tuple.of(campaign, reason))
                .map(rows -> rows.size() == 0 ? null : DispatchCampaign.dialing(rows.iterator().next()));
    }

    /** Completes a running campaign whose contacts are all terminal; null when it is not (yet) done. */
    public Uni<CampaignDialing> completeIfAllTerminal(SqlClient tx, UUID campaign) {
        return tx.preparedQuery("""
                UPDATE campaigns SET status = 'completed', completed_at = now(), updated_at = now()
                 WHERE id = $1 AND status = 'running'
                   AND NOT EXISTS (SELECT 1 FROM campaign_contacts WHERE campaign_id = $1
                                    AND status IN ('pending', 'queued', 'calling'))
                RETURNING *
                """).execute(Tuple.of(campaign))
                .map(rows -> rows.size() == 0 ? null : DispatchCampaign.dialing(rows.iterator().next()));
    }

    /** Applies a counter snapshot unless a newer one was applied (snapshots carry a version). */
    public Uni<Void> applyProgress(SqlClient client, UUID campaign, long called, long completed, long answered, long version) {
        return client.preparedQuery("""
                UPDATE campaigns
                   SET contacts_called = $2, contacts_completed = $3, contacts_answered = $4,
                       progress_version = $5, updated_at = now()
                 WHERE id = $1 AND progress_version < $5
                """).execute(Tuple.of(campaign, called, completed, answered, version)).replaceWithVoid();
    }

    private static Uni<Integer> update(SqlClient tx, String sql, Tuple args) {
        return tx.preparedQuery(sql).execute(args).map(rows -> rows.rowCount());
    }
}
