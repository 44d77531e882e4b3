package io.outdial.campaign.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

    public Uni<Void> append(SqlClient tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                INSERT INTO audit_events (campaign_id, campaign_contact_id, contact_id, call_id, kind, reason, phone,
                                          local_time, rules_version, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """).executeBatch(entries.stream().map(e -> Tuple.from(new Object[] { e.campaignId(), e.campaignContactId(),
                        e.contactId(), e.callId(), e.kind(), e.reason(), e.phone(), e.localTime(), e.rulesVersion(),
                        Rows.timestamp(e.at()) })).toList())
                .replaceWithVoid();
    }
}
