package io.outdial.callresult.persistence;

import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Call records, in SQL. Every method runs on a caller's transaction. */
@ApplicationScoped
public class CallRecordRepository {

    private static final String COLUMNS = """
            id, campaign_id, campaign_contact_id, contact_id, attempt, from_number, to_number,
            dialer_id, status, status_rank, outcome, end_reason, initiated_at, ringing_at,
            answered_at, ended_at, ring_seconds, talk_seconds, max_retries, retry_delay_minutes,
            sip_status, retry_rules""";

    /** The element type of each column's array, in the order of {@link #COLUMNS}. */
    private static final Class<?>[] TYPES = { UUID.class, UUID.class, UUID.class, UUID.class, Integer.class, String.class,
            String.class, String.class, String.class, Short.class, String.class, String.class, OffsetDateTime.class,
            OffsetDateTime.class, OffsetDateTime.class, OffsetDateTime.class, Double.class, Double.class, Integer.class,
            Integer.class, Short.class, String.class };

    // One upsert for every event type and any number of calls: each event fills the columns it knows
    // and leaves the others; the status moves only to a higher rank, so duplicates and reordering
    // change nothing. The ending's columns follow the highest rank: the holder's end replaces a
    // skip's or a refusal's.
    private static final String UPSERT = "INSERT INTO calls (" + COLUMNS + """
            )
            SELECT id, campaign_id, campaign_contact_id, contact_id, attempt, from_number, to_number,
                   dialer_id, status, status_rank, outcome, end_reason, initiated_at, ringing_at,
                   answered_at, ended_at, ring_seconds, talk_seconds, max_retries, retry_delay_minutes,
                   sip_status, retry_rules::jsonb
              FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::text[], $8::text[],
                          $9::text[], $10::int2[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[],
                          $15::timestamptz[], $16::timestamptz[], $17::float8[], $18::float8[], $19::int[], $20::int[],
                          $21::int2[], $22::text[])
                   AS e(""" + COLUMNS + """
            )
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

    /**
     * Applies events in their order. One statement cannot upsert a row twice, so the batch goes in
     * rounds: the first event of every call, then the second of every call, and so on. A call's
     * events keep their order, and a batch costs as many statements as its busiest call has events.
     */
    public Uni<Void> applyAll(SqlConnection tx, List<CallEvent> events) {
        List<List<CallEvent>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CallEvent event : events) {
            int round = seen.merge(event.callId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(event);
        }
        Uni<Void> applied = Uni.createFrom().voidItem();
        for (List<CallEvent> round : rounds) {
            applied = applied.flatMap(ok -> upsert(tx, round));
        }
        return applied;
    }

    private static Uni<Void> upsert(SqlConnection tx, List<CallEvent> events) {
        Object[] columns = new Object[TYPES.length];
        for (int c = 0; c < TYPES.length; c++) {
            columns[c] = Array.newInstance(TYPES[c], events.size());
        }
        for (int i = 0; i < events.size(); i++) {
            Object[] row = row(events.get(i));
            for (int c = 0; c < TYPES.length; c++) {
                Array.set(columns[c], i, row[c]);
            }
        }
        return tx.preparedQuery(UPSERT).execute(Tuple.from(columns)).replaceWithVoid();
    }

    /** The columns an event knows, in the order of {@link #COLUMNS}; null where it knows nothing. */
    private static Object[] row(CallEvent event) {
        Object[] row = new Object[TYPES.length];
        row[0] = UUID.fromString(event.callId());
        row[1] = UUID.fromString(event.campaignId());
        row[8] = CallStatus.after(event).wireName();
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
            row[21] = e.retryRules() == null ? null : RetryRule.rulesToJson(e.retryRules());
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
        return row;
    }

    private static UUID uuid(String id) {
        return id == null ? null : UUID.fromString(id);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
