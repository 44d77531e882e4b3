package io.outdial.campaign.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.DispatchSettings;
import io.outdial.campaign.domain.ClaimDecision;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.domain.eligibility.CalleeTime;
import io.outdial.campaign.domain.eligibility.CampaignFacts;
import io.outdial.campaign.domain.eligibility.ConsentType;
import io.outdial.campaign.domain.eligibility.ContactFacts;
import io.outdial.campaign.domain.eligibility.DialHistory;
import io.outdial.campaign.domain.eligibility.Eligibility;
import io.outdial.campaign.domain.eligibility.EligibilityDecision;
import io.outdial.campaign.domain.eligibility.TeamFacts;
import io.outdial.campaign.persistence.ClaimLock;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.DialContact;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of the dispatch loop, on the reactive client because each step is one statement or one
 * short transaction: the campaign row under lock, the pick of due contacts with SKIP LOCKED, the
 * queueing of dial commands with their outbox rows, the atomic claim a dialer makes before it
 * dials (under the campaign's claim lock rather than its row), and the return of expired, unclaimed
 * commands. Feeder and claim replicas coordinate through these locks, never through memory.
 */
@ApplicationScoped
public class DispatchStore {

    private final Pool pool;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final DispatchSettings settings;
    private final Eligibility eligibility;
    private final AuditLog auditLog;

    public DispatchStore(Pool pool, OutboxWriter outbox, Clock clock, DispatchSettings settings, Eligibility eligibility,
            AuditLog auditLog) {
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.eligibility = eligibility;
        this.auditLog = auditLog;
    }

    public record ClaimRequest(String callId, String campaignId) {
    }

    /**
     * A pending, ready contact the feeder may dial, with what eligibility needs to know of it;
     * {@code fromNumber} is set for a retry, which keeps its caller ID. {@code recentAttempts} are
     * the team's attempts to the number in the last 24 h, across its campaigns. {@code assistantFacts}
     * is what the dial command tells the assistant of the contact (read at release only).
     */
    public record Candidate(UUID memberId, UUID contactId, int attempts, String fromNumber, String phone, String timezone,
            String state, boolean doNotCall, String consentType, boolean onDncList, Integer teamCap,
            List<Instant> recentAttempts, AssistantFacts assistantFacts) {

        public ContactFacts facts() {
            return new ContactFacts(phone, timezone, state, doNotCall, ConsentType.fromWire(consentType));
        }

        public TeamFacts team() {
            return new TeamFacts(onDncList, teamCap);
        }

        public DialHistory history() {
            return new DialHistory(recentAttempts, null);
        }

        static Candidate of(Row r) {
            return of(r, AssistantFacts.NONE);
        }

        /** A candidate of the dialable pick, whose row also carries {@link #ASSISTANT_FACTS}. */
        static Candidate dialable(Row r) {
            return of(r, new AssistantFacts(r.getString("first_name"), r.getString("last_name"),
                    Rows.textByName(r, "custom_fields")));
        }

        private static Candidate of(Row r, AssistantFacts assistantFacts) {
            OffsetDateTime[] recent = r.getArrayOfOffsetDateTimes("recent_attempts");
            return new Candidate(r.getUUID("id"), r.getUUID("contact_id"), r.getInteger("attempts"), r.getString("from_number"),
                    r.getString("phone"), r.getString("timezone"), r.getString("state"), r.getBoolean("do_not_call"),
                    r.getString("consent_type"), r.getBoolean("on_dnc_list"), r.getInteger("team_cap"),
                    recent == null ? List.of() : java.util.Arrays.stream(recent).map(OffsetDateTime::toInstant).toList(),
                    assistantFacts);
        }
    }

    /** The contact's data the assistant may use: its names and custom fields (as text). */
    public record AssistantFacts(String firstName, String lastName, Map<String, String> customFields) {

        static final AssistantFacts NONE = new AssistantFacts(null, null, Map.of());
    }

    /** Read with the pick itself, so a release costs no query per contact. */
    private static final String ASSISTANT_FACTS = "c.first_name, c.last_name, c.custom_fields, ";

    /** A contact that may not be called now: until {@code until} (null: until its data changes) for {@code reason}. */
    public record Waiting(UUID memberId, Instant until, String reason) {
    }

    /** A contact that is never called in this campaign, for {@code reason}. */
    public record Skipped(UUID memberId, String reason) {
    }

    /**
     * The facts of a campaign contact's CRM contact that eligibility reads, and of its number: whether
     * it is on the team's do-not-call list, and the team's attempts to it since {@code $2} minus 24 h.
     */
    private static final String CONTACT_FACTS = """
            c.phone, c.timezone, c.state, c.do_not_call, c.consent_type,
            EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.team_id = c.team_id AND d.number = c.phone) AS on_dnc_list,
            (SELECT t.max_attempts_per_24h FROM team_settings t WHERE t.team_id = c.team_id) AS team_cap,
            ARRAY(SELECT a.attempted_at FROM dial_attempts a
                   WHERE a.team_id = c.team_id AND a.number = c.phone
                     AND a.attempted_at > $2::timestamptz - interval '24 hours') AS recent_attempts
            """;

    /** A candidate turned into a dial command. */
    public record Queued(UUID memberId, UUID callId, String fromNumber, Instant expiresAt) {
    }

    /** Takes a campaign's claim lock ({@link ClaimLock}) until the transaction ends; {@code $1} is its id. */
    public static final String CLAIM_LOCK = ClaimLock.sql("$1");

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
        return client.preparedQuery("SELECT cc.id, cc.contact_id, cc.attempts, cc.from_number, " + ASSISTANT_FACTS
                + CONTACT_FACTS + """
                  FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                 WHERE cc.campaign_id = $1 AND cc.status = 'pending' AND cc.next_eligible_at IS NULL
                   AND (cc.next_attempt_at IS NULL OR cc.next_attempt_at <= $2)
                 ORDER BY cc.priority DESC, cc.created_at, cc.seq
                 LIMIT $3
                """ + (lock ? " FOR UPDATE OF cc SKIP LOCKED" : "")).execute(Tuple.of(campaignId, Rows.timestamp(now), limit))
                .map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Candidate.dialable(r)));
                    return out;
                });
    }

    /** Contacts that may not be called now wait, out of the dialable index, until their time or a change of their data. */
    public Uni<Void> markWaiting(SqlClient tx, List<Waiting> waiting) {
        if (waiting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                UPDATE campaign_contacts SET next_eligible_at = COALESCE($2, 'infinity'::timestamptz), wait_reason = $3
                 WHERE id = $1
                """).executeBatch(waiting.stream().map(w -> Tuple.of(w.memberId(), Rows.timestamp(w.until()), w.reason())).toList())
                .replaceWithVoid();
    }

    /** Contacts that are never called in this campaign end skipped with their reason. */
    public Uni<Void> markSkipped(SqlClient tx, List<Skipped> skipped, Instant now) {
        if (skipped.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                UPDATE campaign_contacts SET status = 'skipped', skip_reason = $2, outcome = $2, completed_at = $3,
                       current_call_id = NULL, command_expires_at = NULL, next_eligible_at = NULL, wait_reason = NULL
                 WHERE id = $1
                """).executeBatch(skipped.stream().map(k -> Tuple.of(k.memberId(), k.reason(), Rows.timestamp(now))).toList())
                .replaceWithVoid();
    }

    /**
     * Waiting contacts of running campaigns whose time has come become ready again, found per
     * campaign by the waiting index; emits how many.
     */
    public Uni<Integer> wakeDue(Instant now) {
        return pool.preparedQuery("""
                UPDATE campaign_contacts SET next_eligible_at = NULL, wait_reason = NULL
                 WHERE status = 'pending' AND next_eligible_at <= $1
                   AND campaign_id IN (SELECT id FROM campaigns WHERE status = 'running')
                """).execute(Tuple.of(Rows.timestamp(now))).map(r -> r.rowCount());
    }

    /**
     * When the next call of each campaign can start, for those with nothing to dial now: no
     * contact ready, and the earliest time one of its waiting contacts becomes eligible (absent
     * when a contact is ready, or none waits for a time).
     */
    public Uni<Map<UUID, Instant>> nextCallTimes(SqlClient client, List<UUID> campaignIds) {
        return client.preparedQuery("""
                SELECT c.id, (SELECT min(w.next_eligible_at) FROM campaign_contacts w
                               WHERE w.campaign_id = c.id AND w.status = 'pending' AND w.next_eligible_at IS NOT NULL
                                 AND w.next_eligible_at < 'infinity') AS next_call_at
                  FROM unnest($1::uuid[]) AS c(id)
                 WHERE NOT EXISTS (SELECT 1 FROM campaign_contacts r
                                    WHERE r.campaign_id = c.id AND r.status = 'pending' AND r.next_eligible_at IS NULL)
                """).execute(Tuple.of((Object) campaignIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Instant> out = new java.util.HashMap<>();
            rows.forEach(r -> {
                Instant at = Rows.instant(r, "next_call_at");
                if (at != null) {
                    out.put(r.getUUID("id"), at);
                }
            });
            return out;
        });
    }

    /**
     * Marks the contacts queued for their calls, advances the caller-ID cursor by the new calls and
     * spends the run budget, and appends the dial commands to the outbox: all in {@code tx}.
     */
    public Uni<Void> queue(SqlClient tx, UUID campaignId, List<Queued> queued, int newCalls, List<DialContact> commands) {
        // One statement for the batch (each contact is queued once in it), not one per contact.
        Tuple updates = Tuple.of(queued.stream().map(Queued::memberId).toArray(UUID[]::new),
                queued.stream().map(Queued::callId).toArray(UUID[]::new),
                queued.stream().map(Queued::fromNumber).toArray(String[]::new),
                queued.stream().map(q -> Rows.timestamp(q.expiresAt())).toArray(OffsetDateTime[]::new));
        // Sent together: the campaign's row is locked until the commit, for one round trip instead of three.
        return Uni.join().all(
                tx.preparedQuery("""
                        UPDATE campaign_contacts cc SET status = 'queued', current_call_id = q.call_id, from_number = q.from_number,
                               command_expires_at = q.expires_at
                          FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS q(id, call_id, from_number, expires_at)
                         WHERE cc.id = q.id
                        """).execute(updates).replaceWithVoid(),
                tx.preparedQuery("""
                        UPDATE campaigns SET next_number_index = next_number_index + $2,
                               run_calls_left = CASE WHEN run_calls_left IS NULL THEN NULL ELSE run_calls_left - $3 END
                         WHERE id = $1
                        """).execute(Tuple.of(campaignId, newCalls, queued.size())).replaceWithVoid(),
                outbox.append(tx, commands))
                .andCollectFailures().replaceWithVoid();
    }

    /**
     * Decides claims, at most one transaction per campaign: a granted claim moves its contact
     * {@code queued → calling}, counts the attempt and holds a lease on the call (see
     * {@link LeaseStore}). Results keep the order of the requests.
     */
    public Uni<Claims> claim(List<ClaimRequest> requests) {
        Map<String, List<ClaimRequest>> byCampaign = new LinkedHashMap<>();
        for (ClaimRequest r : requests) {
            byCampaign.computeIfAbsent(r.campaignId(), k -> new ArrayList<>()).add(r);
        }
        // Each campaign's transaction locks only its own campaign's claim lock and contacts, and number
        // locks are taken in one order, so the campaigns of a batch are decided side by side: a claim waits
        // for its slowest campaign, not for the sum of them.
        List<Uni<Claims>> perCampaign = byCampaign.entrySet().stream()
                .map(entry -> claimForCampaign(entry.getKey(), entry.getValue())).toList();
        return Uni.join().all(perCampaign).andCollectFailures().map(decided -> {
            Claims claims = new Claims(new LinkedHashMap<>(), new java.util.HashMap<>());
            requests.forEach(r -> claims.decisions().put(r.callId(), ClaimDecision.NOT_CURRENT));
            decided.forEach(part -> {
                claims.decisions().putAll(part.decisions());
                claims.leases().putAll(part.leases());
            });
            return claims;
        });
    }

    /** Decisions by call id, in request order, and the lease of each granted call. */
    public record Claims(Map<String, ClaimDecision> decisions, Map<String, Instant> leases) {
    }

    private Uni<Claims> claimForCampaign(String campaignId, List<ClaimRequest> requests) {
        Claims claims = new Claims(new LinkedHashMap<>(), new java.util.HashMap<>());
        UUID id;
        try {
            id = UUID.fromString(campaignId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(claims);
        }
        UUID[] callIds = requests.stream().map(r -> Ids.parseOrNull(r.callId())).filter(java.util.Objects::nonNull)
                .toArray(UUID[]::new);
        return pool.withTransaction(tx -> {
            Instant now = clock.instant();
            // Everything the decision reads goes out in one round trip (the connection pipelines the
            // statements; the server runs them in order). First the campaign's claim lock, then the
            // campaign and its calls as they are under it; then the calls' contacts are locked, then their
            // numbers (a number's attempts are counted under its lock, so that claims of two campaigns
            // racing for it cannot both pass its cap), then the facts are read under those locks.
            Uni<RowSet<Row>> claimLocked = tx.preparedQuery(CLAIM_LOCK).execute(Tuple.of(id));
            Uni<DispatchCampaign> campaign = campaign(tx, id, null, false);
            Uni<Long> calling = tx.preparedQuery("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'calling'")
                    .execute(Tuple.of(id)).map(r -> r.iterator().next().getLong(0));
            Uni<RowSet<Row>> contacts = tx.preparedQuery("""
                    SELECT cc.id, cc.status, cc.current_call_id, cc.contact_id, c.team_id
                      FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                     WHERE cc.campaign_id = $1 AND cc.current_call_id = ANY($2) FOR UPDATE OF cc
                    """).execute(Tuple.of(id, callIds));
            Uni<RowSet<Row>> numbersLocked = tx.preparedQuery("""
                    SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(c.team_id || '/' || c.phone, 0) AS k
                      FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                     WHERE cc.campaign_id = $1 AND cc.current_call_id = ANY($2) ORDER BY 1) AS keys
                    """).execute(Tuple.of(id, callIds));
            Uni<RowSet<Row>> factRows = tx.preparedQuery("SELECT cc.current_call_id, cc.id, cc.contact_id, cc.attempts, cc.from_number, "
                    + CONTACT_FACTS + """
                      FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                     WHERE cc.campaign_id = $1 AND cc.current_call_id = ANY($3)
                    """).execute(Tuple.of(id, Rows.timestamp(now), callIds));
            return Uni.combine().all().unis(claimLocked, campaign, calling, contacts, numbersLocked, factRows).asTuple().flatMap(read -> {
                if (read.getItem2() == null) {
                    return Uni.createFrom().voidItem();
                }
                Map<String, Row> byCall = new LinkedHashMap<>();
                read.getItem4().forEach(r -> byCall.put(r.getUUID("current_call_id").toString(), r));
                Map<String, Row> facts = new LinkedHashMap<>();
                read.getItem6().forEach(r -> facts.put(r.getUUID("current_call_id").toString(), r));
                return decideClaims(tx, read.getItem2(), requests, byCall, facts, read.getItem3(), now, claims);
            });
        }).replaceWith(claims);
    }

    /**
     * Decides each claim in request order: the contact must still be queued for this call, the
     * campaign running in its window, the contact eligible (do-not-call list, consent, legal hours,
     * the number's cap over 24 h counting this batch's grants) and the campaign under its cap.
     * Refused contacts wait or are skipped at once, with their reason in the audit.
     */
    private Uni<Void> decideClaims(SqlClient tx, DispatchCampaign campaign, List<ClaimRequest> requests,
            Map<String, Row> byCall, Map<String, Row> facts, long calling, Instant now, Claims claims) {
        long inCall = calling;
        List<UUID> granted = new ArrayList<>();
        List<String> attemptTeams = new ArrayList<>();
        List<String> attemptNumbers = new ArrayList<>();
        List<UUID> attemptCalls = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<AuditLog.Entry> audit = new ArrayList<>();
        Map<String, List<Instant>> grantedByNumber = new java.util.HashMap<>();
        java.util.Set<String> decided = new java.util.HashSet<>();
        // Parsed once for the batch, not per request.
        CallWindow window = campaign.window();
        CampaignFacts campaignFacts = campaign.facts();
        for (ClaimRequest r : requests) {
            if (!decided.add(r.callId())) {
                continue; // the same call twice in one batch: its first claim decides
            }
            Row contact = byCall.get(r.callId());
            ContactStatus status = contact == null ? null : ContactStatus.parse(contact.getString("status")).orElseThrow();
            // Status and window first (capacity is checked once the contact proves eligible).
            ClaimDecision decision = ClaimDecision.decide(r.callId(), status, contact == null ? null : r.callId(),
                    campaign.status(), window, now, 0, Integer.MAX_VALUE);
            if (decision == ClaimDecision.GRANTED) {
                Candidate candidate = Candidate.of(facts.get(r.callId()));
                String team = contact.getString("team_id");
                List<Instant> recent = new ArrayList<>(candidate.recentAttempts());
                recent.addAll(grantedByNumber.getOrDefault(candidate.phone(), List.of()));
                EligibilityDecision eligible = eligibility.decide(candidate.facts(), campaignFacts,
                        candidate.team(), new DialHistory(recent, null), now);
                String localTime = CalleeTime.at(candidate.phone(), candidate.timezone(), candidate.state(), now);
                UUID member = contact.getUUID("id");
                UUID callId = UUID.fromString(r.callId());
                if (eligible instanceof EligibilityDecision.Eligible) {
                    decision = ClaimDecision.decide(r.callId(), status, r.callId(), campaign.status(), window, now,
                            inCall, campaign.maxConcurrentCalls());
                    if (decision == ClaimDecision.GRANTED) {
                        inCall++;
                        granted.add(member);
                        attemptTeams.add(team);
                        attemptNumbers.add(candidate.phone());
                        attemptCalls.add(callId);
                        grantedByNumber.computeIfAbsent(candidate.phone(), k -> new ArrayList<>()).add(now);
                        audit.add(new AuditLog.Entry(campaign.id(), member, candidate.contactId(), callId, "attempt", null,
                                candidate.phone(), localTime, eligibility.rulesVersion(), now));
                    }
                } else {
                    decision = ClaimDecision.NOT_ELIGIBLE;
                    String reason;
                    if (eligible instanceof EligibilityDecision.NotYet notYet) {
                        reason = notYet.reason().wireName();
                        waiting.add(new Waiting(member, notYet.nextEligibleAt(), reason));
                    } else {
                        reason = ((EligibilityDecision.Never) eligible).reason().wireName();
                        skipped.add(new Skipped(member, reason));
                    }
                    audit.add(new AuditLog.Entry(campaign.id(), member, candidate.contactId(), callId, "refusal", reason,
                            candidate.phone(), localTime, eligibility.rulesVersion(), now));
                }
            }
            claims.decisions().put(r.callId(), decision);
        }
        // The writes go out together, each one statement however many calls the batch decides.
        List<Uni<Void>> writes = new ArrayList<>();
        if (!granted.isEmpty()) {
            Instant leaseUntil = now.plus(settings.lease()).truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
            attemptCalls.forEach(call -> claims.leases().put(call.toString(), leaseUntil));
            writes.add(tx.preparedQuery("""
                    UPDATE campaign_contacts SET status = 'calling', attempts = attempts + 1, last_attempt_at = $2,
                           lease_until = $3
                     WHERE id = ANY($1)
                    """).execute(Tuple.of(granted.toArray(UUID[]::new), Rows.timestamp(now), Rows.timestamp(leaseUntil)))
                    .replaceWithVoid());
            writes.add(tx.preparedQuery("""
                    INSERT INTO dial_attempts (team_id, number, attempted_at, campaign_id, call_id)
                    SELECT a.team_id, a.number, $3, $4, a.call_id
                      FROM unnest($1::text[], $2::text[], $5::uuid[]) AS a(team_id, number, call_id)
                    """).execute(Tuple.from(new Object[] { attemptTeams.toArray(String[]::new),
                    attemptNumbers.toArray(String[]::new), Rows.timestamp(now), campaign.id(),
                    attemptCalls.toArray(UUID[]::new) })).replaceWithVoid());
        }
        // A refused contact leaves its command behind: it is pending again (waiting) or skipped, and the
        // dialer's not_dialed settlement for the call finds it no longer current.
        if (!waiting.isEmpty()) {
            writes.add(tx.preparedQuery("""
                    UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL, command_expires_at = NULL
                     WHERE id = ANY($1)
                    """).execute(Tuple.of((Object) waiting.stream().map(Waiting::memberId).toArray(UUID[]::new)))
                    .replaceWithVoid());
        }
        writes.add(markWaiting(tx, waiting));
        writes.add(markSkipped(tx, skipped, now));
        writes.add(auditLog.append(tx, audit));
        return Uni.join().all(writes).andCollectFailures().replaceWithVoid();
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
}
