package io.outdial.campaign.dispatch;

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
 * The SQL of settling contacts: each step one statement in the caller's transaction. A
 * settlement moves its contact only while the call is the contact's current one.
 */
@ApplicationScoped
public class SettlementStore {

    /** Whether the settlement moved the contact (it was the contact's current call). */
    public Uni<Boolean> settle(SqlClient tx, ContactSettled s) {
        UUID member = UUID.fromString(s.campaignContactId());
        UUID callId = UUID.fromString(s.callId());
        String outcome = s.outcome() == null ? null : s.outcome().wireName();
        Uni<Integer> updated = switch (s.settlement()) {
            // A retry waits out of the dialable index until it is due; the feeder's wake-up finds it by time.
            case RETRY -> update(tx, """
                    UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL, command_expires_at = NULL,
                           outcome = $3, next_attempt_at = $4,
                           next_eligible_at = $5, wait_reason = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE 'retry_delay' END
                     WHERE id = $1 AND current_call_id = $2 AND status IN ('queued', 'calling')
                    """, Tuple.of(member, callId, outcome, Rows.timestamp(s.nextAttemptAt()), Rows.timestamp(retryWaitsUntil(s))));
            // Released without an outcome (a skip, a refusal, a claim unanswered): its dialer never held the
            // claim, which another dialer may hold, so only a contact still queued goes back. Released
            // not_dialed: the holder gave the claim back, and the contact leaves its call.
            case RELEASED -> update(tx, """
                    UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL, command_expires_at = NULL
                     WHERE id = $1 AND current_call_id = $2 AND (status = 'queued' OR (status = 'calling' AND $3))
                    """, Tuple.of(member, callId, s.outcome() == CallOutcome.NOT_DIALED));
            case DONE -> update(tx, """
                    UPDATE campaign_contacts SET status = $3, outcome = $4, completed_at = $5, next_attempt_at = NULL,
                           command_expires_at = NULL
                     WHERE id = $1 AND current_call_id = $2 AND status IN ('queued', 'calling')
                    """, Tuple.of(member, callId, s.finalStatus(), outcome, Rows.timestamp(s.settledAt())));
        };
        return updated.map(n -> n > 0);
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
