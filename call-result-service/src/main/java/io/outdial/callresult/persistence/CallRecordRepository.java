package io.outdial.callresult.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.callresult.domain.CallStatus;
import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.RetryRule;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Call records, in SQL. Every method runs on a caller's transaction. */
@ApplicationScoped
public class CallRecordRepository {

    // One upsert for every event type: each fills the columns it knows and leaves the others;
    // the status moves only to a higher rank, so duplicates and reordering change nothing. The
    // ending's columns follow the highest rank: the holder's end replaces a skip's or a refusal's.
    private static final String UPSERT = """
            INSERT INTO calls (id, campaign_id, campaign_contact_id, contact_id, attempt, from_number, to_number,
                               dialer_id, status, status_rank, outcome, end_reason, initiated_at, ringing_at,
                               answered_at, ended_at, ring_seconds, talk_seconds, max_retries, retry_delay_minutes,
                               sip_status, retry_rules)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            ON CONFLICT (id) DO UPDATE SET
                campaign_contact_id = COALESCE(calls.campaign_contact_id, EXCLUDED.campaign_contact_id),
                contact_id   = COALESCE(calls.contact_id, EXCLUDED.contact_id),
                attempt      = COALESCE(calls.attempt, EXCLUDED.attempt),
                from_number  = COALESCE(calls.from_number, EXCLUDED.from_number),
                to_number    = COALESCE(calls.to_number, EXCLUDED.to_number),
                dialer_id    = COALESCE(calls.dialer_id, EXCLUDED.dialer_id),
                status       = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN EXCLUDED.status ELSE calls.status END,
                status_rank  = GREATEST(calls.status_rank, EXCLUDED.status_rank),
                outcome      = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN COALESCE(EXCLUDED.outcome, calls.outcome) ELSE COALESCE(calls.outcome, EXCLUDED.outcome) END,
                end_reason   = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN COALESCE(EXCLUDED.end_reason, calls.end_reason) ELSE COALESCE(calls.end_reason, EXCLUDED.end_reason) END,
                initiated_at = COALESCE(calls.initiated_at, EXCLUDED.initiated_at),
                ringing_at   = COALESCE(calls.ringing_at, EXCLUDED.ringing_at),
                answered_at  = COALESCE(calls.answered_at, EXCLUDED.answered_at),
                ended_at     = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN COALESCE(EXCLUDED.ended_at, calls.ended_at) ELSE COALESCE(calls.ended_at, EXCLUDED.ended_at) END,
                ring_seconds = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN COALESCE(EXCLUDED.ring_seconds, calls.ring_seconds) ELSE COALESCE(calls.ring_seconds, EXCLUDED.ring_seconds) END,
                talk_seconds = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN COALESCE(EXCLUDED.talk_seconds, calls.talk_seconds) ELSE COALESCE(calls.talk_seconds, EXCLUDED.talk_seconds) END,
                max_retries  = COALESCE(calls.max_retries, EXCLUDED.max_retries),
                retry_delay_minutes = COALESCE(calls.retry_delay_minutes, EXCLUDED.retry_delay_minutes),
                sip_status   = CASE WHEN EXCLUDED.status_rank > calls.status_rank THEN COALESCE(EXCLUDED.sip_status, calls.sip_status) ELSE COALESCE(calls.sip_status, EXCLUDED.sip_status) END,
                retry_rules  = COALESCE(calls.retry_rules, EXCLUDED.retry_rules),
                updated_at   = now()
            """;

    public Uni<Void> apply(SqlConnection tx, CallEvent event) {
        CallStatus status = CallStatus.after(event);
        Object[] row = new Object[22];
        row[0] = UUID.fromString(event.callId());
        row[1] = UUID.fromString(event.campaignId());
        row[8] = status.wireName();
        row[9] = (short) CallStatus.rankOf(event);
        if (event instanceof CallInitiated e) {
            row[2] = uuid(e.campaignContactId());
            row[3] = uuid(e.contactId());
            row[4] = e.attempt();
            row[5] = e.fromNumber();
            row[6] = e.toNumber();
            row[7] = e.dialerId();
            row[12] = time(e.initiatedAt());
            row[18] = e.maxRetries();
            row[19] = e.retryDelayMinutes();
            row[21] = e.retryRules() == null ? null : new JsonObject(RetryRule.rulesToJson(e.retryRules()));
        } else if (event instanceof CallRinging e) {
            row[13] = time(e.ringingAt());
        } else if (event instanceof CallAnswered e) {
            row[14] = time(e.answeredAt());
        } else if (event instanceof CallEnded e) {
            row[2] = uuid(e.campaignContactId());
            row[3] = uuid(e.contactId());
            row[4] = e.attempt();
            row[10] = e.outcome().wireName();
            row[11] = e.endReason();
            row[15] = time(e.endedAt());
            row[16] = e.ringSeconds();
            row[17] = e.talkSeconds();
            row[20] = e.sipStatus() == null ? null : e.sipStatus().shortValue();
        } else if (event instanceof CallSkipped e) {
            row[2] = uuid(e.campaignContactId());
            row[3] = uuid(e.contactId());
            row[4] = e.attempt();
            row[11] = e.reason();
            row[15] = time(e.skippedAt());
        }
        return tx.preparedQuery(UPSERT).execute(Tuple.from(row)).replaceWithVoid();
    }

    private static UUID uuid(String id) {
        return id == null ? null : UUID.fromString(id);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
