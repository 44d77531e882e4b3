package io.outdial.campaign.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.DispatchSettings;
import io.outdial.campaign.persistence.Rows;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ClaimDecision;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.DialContact;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of the dispatch loop, on the reactive client because each step is one statement or one
 * short transaction: the campaign row under lock, the pick of due contacts with SKIP LOCKED, the
 * queueing of dial commands with their outbox rows, the atomic claim a dialer makes before it
 * dials, and the return of expired, unclaimed commands. Feeder and claim replicas coordinate
 * through these row locks, never through memory.
 */
@ApplicationScoped
public class DispatchStore {

    private final Pool pool;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final DispatchSettings settings;

    public DispatchStore(Pool pool, OutboxWriter outbox, Clock clock, DispatchSettings settings) {
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    public record ClaimRequest(String callId, String campaignId) {
    }

    /** A pending, due contact the feeder may dial; {@code fromNumber} is set for a retry, which keeps its caller ID. */
    public record Candidate(UUID memberId, UUID contactId, int attempts, String fromNumber, String phone) {
    }

    /** A candidate turned into a dial command. */
    public record Queued(UUID memberId, UUID callId, String fromNumber, Instant expiresAt) {
    }

    /** The live campaign (of {@code teamId} when given), or null; {@code lock} holds its row until the transaction ends. */
    public Uni<DispatchCampaign> campaign(SqlClient client, UUID id, String teamId, boolean lock) {
        String sql = DispatchCampaign.SELECT + " WHERE c.id = $1 AND ($2::text IS NULL OR c.team_id = $2)"
                + " AND c.deleted_at IS NULL" + (lock ? " FOR UPDATE OF c" : "");
        return client.preparedQuery(sql).execute(Tuple.of(id, teamId))
                .map(rows -> rows.size() == 0 ? null : DispatchCampaign.of(rows.iterator().next()));
    }

    /** Contacts holding a credit: a command outstanding or a call in progress. */
    public Uni<Long> inFlight(SqlClient client, UUID campaignId) {
        return client.preparedQuery("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status IN ('queued', 'calling')")
                .execute(Tuple.of(campaignId)).map(r -> r.iterator().next().getLong(0));
    }

    /**
     * The next dialable contacts: pending and due, by priority then age. {@code lock} takes them for
     * queueing, skipping rows another feeder holds.
     */
    public Uni<List<Candidate>> dialable(SqlClient client, UUID campaignId, Instant now, int limit, boolean lock) {
        return client.preparedQuery("""
                SELECT cc.id, cc.contact_id, cc.attempts, cc.from_number, c.phone
                  FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                 WHERE cc.campaign_id = $1 AND cc.status = 'pending'
                   AND (cc.next_attempt_at IS NULL OR cc.next_attempt_at <= $2)
                 ORDER BY cc.priority DESC, cc.created_at, cc.seq
                 LIMIT $3
                """ + (lock ? " FOR UPDATE OF cc SKIP LOCKED" : "")).execute(Tuple.of(campaignId, Rows.timestamp(now), limit))
                .map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Candidate(r.getUUID("id"), r.getUUID("contact_id"), r.getInteger("attempts"),
                            r.getString("from_number"), r.getString("phone"))));
                    return out;
                });
    }

    /**
     * Marks the contacts queued for their calls, advances the caller-ID cursor by the new calls and
     * spends the run budget, and appends the dial commands to the outbox: all in {@code tx}.
     */
    public Uni<Void> queue(SqlClient tx, UUID campaignId, List<Queued> queued, int newCalls, List<DialContact> commands) {
        List<Tuple> updates = queued.stream()
                .map(q -> Tuple.of(q.memberId(), q.callId(), q.fromNumber(), Rows.timestamp(q.expiresAt()))).toList();
        return tx.preparedQuery("""
                UPDATE campaign_contacts SET status = 'queued', current_call_id = $2, from_number = $3, command_expires_at = $4
                 WHERE id = $1
                """).executeBatch(updates)
                .flatMap(ok -> tx.preparedQuery("""
                        UPDATE campaigns SET next_number_index = next_number_index + $2,
                               run_calls_left = CASE WHEN run_calls_left IS NULL THEN NULL ELSE run_calls_left - $3 END
                         WHERE id = $1
                        """).execute(Tuple.of(campaignId, newCalls, queued.size())))
                .flatMap(ok -> outbox.append(tx, commands));
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
        return pool.withTransaction(tx -> campaign(tx, id, null, true).flatMap(campaign -> {
                    if (campaign == null) {
                        return Uni.createFrom().voidItem();
                    }
                    CampaignStatus status = campaign.status();
                    CallWindow window = campaign.window();
                    int max = campaign.maxConcurrentCalls();
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
                """).execute(Tuple.of(Rows.timestamp(clock.instant().minus(settings.expiryGrace())))).map(r -> r.rowCount());
    }

    private static UUID parseOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
