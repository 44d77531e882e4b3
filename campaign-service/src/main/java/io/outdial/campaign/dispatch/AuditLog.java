package io.outdial.campaign.dispatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes what was decided about contacts, and why, in the transaction that decided it. */
@ApplicationScoped
public class AuditLog {

    /**
     * One decision: {@code kind} attempt (a granted claim), skip (never called in this campaign) or
     * refusal (a claim refused); the callee's local time then, and the rules version applied.
     */
    public record Entry(UUID campaignId, UUID campaignContactId, UUID contactId, UUID callId, String kind, String reason,
            String phone, String localTime, String rulesVersion, Instant at) {
    }

    private static <T> T[] column(List<Entry> entries, Function<Entry, T> value, IntFunction<T[]> array) {
        return entries.stream().map(value).toArray(array);
    }

    public Uni<Void> append(SqlClient tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One statement however many entries: a batch of claims writes its audit in one round trip.
        return tx.preparedQuery("""
                INSERT INTO audit_events (campaign_id, campaign_contact_id, contact_id, call_id, kind, reason, phone,
                                          local_time, rules_version, at)
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                                     $8::text[], $9::text[], $10::timestamptz[])
                """).execute(Tuple.from(new Object[] {
                        column(entries, Entry::campaignId, UUID[]::new), column(entries, Entry::campaignContactId, UUID[]::new),
                        column(entries, Entry::contactId, UUID[]::new), column(entries, Entry::callId, UUID[]::new),
                        column(entries, Entry::kind, String[]::new), column(entries, Entry::reason, String[]::new),
                        column(entries, Entry::phone, String[]::new), column(entries, Entry::localTime, String[]::new),
                        column(entries, Entry::rulesVersion, String[]::new),
                        column(entries, e -> Rows.timestamp(e.at()), OffsetDateTime[]::new) }))
                .replaceWithVoid();
    }
}
