package io.outdial.campaign.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ClaimDecision;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.Credits;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.DialContact;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The campaign side of the dispatch loop: releasing dial commands against credit (feeder), the
 * atomic claim a dialer makes before it dials, and returning expired, unclaimed commands.
 * Each runs under the campaign's row lock, so feeder and claim replicas coordinate through
 * PostgreSQL, never through memory.
 */
@ApplicationScoped
public class DispatchStore {

    @Inject
    Pool pool;

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    @ConfigProperty(name = "outdial.dispatch.command-ttl", defaultValue = "PT60S")
    Duration commandTtl;

    @ConfigProperty(name = "outdial.dispatch.expiry-grace", defaultValue = "PT10S")
    Duration expiryGrace;

    public record ClaimRequest(String callId, String campaignId) {
    }

    /**
     * Releases dial commands for a running campaign while its window is open: as many as its
     * credit allows, pending and due contacts by priority then age, caller IDs by rotation (a
     * retry keeps its number). Commands go to the outbox in the same transaction.
     */
    public Uni<List<DialContact>> release(UUID campaignId) {
        return pool.withTransaction(tx -> tx.preparedQuery(CampaignRecord.SELECT + " WHERE c.id = $1 AND c.deleted_at IS NULL FOR UPDATE OF c")
                .execute(Tuple.of(campaignId)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(List.<DialContact> of());
                    }
                    CampaignRecord c = CampaignRecord.of(rows.iterator().next());
                    Instant now = clock.instant();
                    CallWindow window = c.window();
                    if (c.status() != CampaignStatus.RUNNING || !window.isOpenAt(now) || c.fromNumbers().isEmpty()) {
                        return Uni.createFrom().item(List.<DialContact> of());
                    }
                    return inFlight(tx, campaignId).flatMap(inFlight -> {
                        int credit = Credits.available(c.maxConcurrentCalls(), inFlight, c.runCallsLeft());
                        if (credit == 0) {
                            return Uni.createFrom().item(List.<DialContact> of());
                        }
                        return pick(tx, campaignId, now, credit).flatMap(picked -> queue(tx, c, picked, now));
                    });
                }));
    }

    private Uni<Long> inFlight(SqlClient tx, UUID campaignId) {
        return tx.preparedQuery("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status IN ('queued', 'calling')")
                .execute(Tuple.of(campaignId)).map(r -> r.iterator().next().getLong(0));
    }

    private Uni<List<Row>> pick(SqlClient tx, UUID campaignId, Instant now, int credit) {
        return tx.preparedQuery("""
                SELECT cc.id, cc.contact_id, cc.attempts, cc.from_number, c.phone
                  FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                 WHERE cc.campaign_id = $1 AND cc.status = 'pending'
                   AND (cc.next_attempt_at IS NULL OR cc.next_attempt_at <= $2)
                 ORDER BY cc.priority DESC, cc.created_at, cc.seq
                 LIMIT $3
                 FOR UPDATE OF cc SKIP LOCKED
                """).execute(Tuple.of(campaignId, Rows.timestamp(now), credit))
                .map(rows -> {
                    List<Row> out = new ArrayList<>();
                    rows.forEach(out::add);
                    return out;
                });
    }

    private Uni<List<DialContact>> queue(SqlClient tx, CampaignRecord c, List<Row> picked, Instant now) {
        if (picked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int fresh = (int) picked.stream().filter(r -> r.getString("from_number") == null).count();
        List<String> rotation = Credits.rotate(c.fromNumbers(), c.nextNumberIndex(), fresh);
        Instant expiresAt = now.plus(commandTtl);
        List<DialContact> commands = new ArrayList<>();
        List<Tuple> updates = new ArrayList<>();
        int next = 0;
        for (Row r : picked) {
            String from = r.getString("from_number") != null ? r.getString("from_number") : rotation.get(next++);
            UUID callId = UUID.randomUUID();
            commands.add(new DialContact(callId.toString(), c.id().toString(), r.getUUID("id").toString(),
                    r.getUUID("contact_id").toString(), r.getString("phone"), from, c.assistantId(),
                    r.getInteger("attempts") + 1, c.callWindowStart(), c.callWindowEnd(), c.callWindowTimezone(),
                    c.maxConcurrentCalls(), c.maxRetries(), c.retryDelayMinutes(), expiresAt,
                    c.callRules().ringTimeoutSeconds(), c.callRules().maxCallDurationSeconds(), c.callRules().retryRules()));
            updates.add(Tuple.of(r.getUUID("id"), callId, from, Rows.timestamp(expiresAt)));
        }
        return tx.preparedQuery("""
                UPDATE campaign_contacts SET status = 'queued', current_call_id = $2, from_number = $3, command_expires_at = $4
                 WHERE id = $1
                """).executeBatch(updates)
                .flatMap(ok -> tx.preparedQuery("""
                        UPDATE campaigns SET next_number_index = next_number_index + $2,
                               run_calls_left = CASE WHEN run_calls_left IS NULL THEN NULL ELSE run_calls_left - $3 END
                         WHERE id = $1
                        """).execute(Tuple.of(c.id(), fresh, commands.size())))
                .flatMap(ok -> outbox.append(tx, commands))
                .replaceWith(commands);
    }

    /**
     * Decides claims, at most one transaction per campaign: a granted claim moves its contact
     * {@code queued → calling} and counts the attempt. Results keep the order of the requests.
     */
    public Uni<Map<String, ClaimDecision>> claim(List<ClaimRequest> requests) {
        Map<String, List<ClaimRequest>> byCampaign = new LinkedHashMap<>();
        for (ClaimRequest r : requests) {
            byCampaign.computeIfAbsent(r.campaignId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, ClaimDecision> decisions = new LinkedHashMap<>();
        requests.forEach(r -> decisions.put(r.callId(), ClaimDecision.NOT_CURRENT));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var entry : byCampaign.entrySet()) {
            chain = chain.flatMap(ok -> claimForCampaign(entry.getKey(), entry.getValue(), decisions));
        }
        return chain.replaceWith(decisions);
    }

    private Uni<Void> claimForCampaign(String campaignId, List<ClaimRequest> requests, Map<String, ClaimDecision> decisions) {
        UUID id;
        try {
            id = UUID.fromString(campaignId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT * FROM campaigns WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row campaign = rows.iterator().next();
                    CampaignStatus status = CampaignStatus.parse(campaign.getString("status")).orElseThrow();
                    CallWindow window = CallWindow.of(campaign.getString("call_window_start"),
                            campaign.getString("call_window_end"), campaign.getString("call_window_timezone"));
                    int max = campaign.getInteger("max_concurrent_calls");
                    Instant now = clock.instant();
                    UUID[] callIds = requests.stream().map(r -> parseOrNull(r.callId())).filter(java.util.Objects::nonNull)
                            .toArray(UUID[]::new);
                    return tx.preparedQuery("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'calling'")
                            .execute(Tuple.of(id)).map(r -> r.iterator().next().getLong(0))
                            .flatMap(calling -> tx.preparedQuery("""
                                    SELECT id, status, current_call_id FROM campaign_contacts
                                     WHERE campaign_id = $1 AND current_call_id = ANY($2) FOR UPDATE
                                    """).execute(Tuple.of(id, callIds)).flatMap(contacts -> {
                                Map<String, Row> byCall = new LinkedHashMap<>();
                                contacts.forEach(r -> byCall.put(r.getUUID("current_call_id").toString(), r));
                                long inCall = calling;
                                List<Tuple> granted = new ArrayList<>();
                                java.util.Set<String> decided = new java.util.HashSet<>();
                                for (ClaimRequest r : requests) {
                                    if (!decided.add(r.callId())) {
                                        continue; // the same call twice in one batch: its first claim decides
                                    }
                                    Row contact = byCall.get(r.callId());
                                    ClaimDecision decision = ClaimDecision.decide(r.callId(),
                                            contact == null ? null : ContactStatus.parse(contact.getString("status")).orElseThrow(),
                                            contact == null ? null : r.callId(), status, window, now, inCall, max);
                                    if (decision == ClaimDecision.GRANTED) {
                                        inCall++;
                                        granted.add(Tuple.of(contact.getUUID("id"), Rows.timestamp(now)));
                                    }
                                    decisions.put(r.callId(), decision);
                                }
                                if (granted.isEmpty()) {
                                    return Uni.createFrom().voidItem();
                                }
                                return tx.preparedQuery("""
                                        UPDATE campaign_contacts SET status = 'calling', attempts = attempts + 1, last_attempt_at = $2
                                         WHERE id = $1
                                        """).executeBatch(granted).replaceWithVoid();
                            }));
                }));
    }

    /**
     * Returns contacts whose command expired (plus a grace period) without being claimed to
     * pending, forgetting the call id so a late claim of it is refused: no credit leaks.
     */
    public Uni<Integer> returnExpired() {
        return pool.preparedQuery("""
                UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL, command_expires_at = NULL
                 WHERE status = 'queued' AND command_expires_at < $1
                """).execute(Tuple.of(Rows.timestamp(clock.instant().minus(expiryGrace)))).map(r -> r.rowCount());
    }

    private static UUID parseOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
