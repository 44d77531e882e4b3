package io.outdial.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.api.ApiClients;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.application.Feeder;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.dispatch.LeaseStore;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.DialContact;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Feeder credits and claim-before-dial against the real database (invariants I1 and I3 on the campaign side). */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DispatchTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    DispatchStore dispatch;

    @Inject
    Feeder feeder;

    @Inject
    LeaseStore leases;

    @Inject
    ApiKeyIssuer keys;

    UUID campaign;
    List<UUID> contacts;

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB_WAIT);
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB_WAIT).iterator().next().getLong(0);
    }

    /**
     * A running campaign with cap 3, two caller IDs, a window open for the next hour, and 10 pending
     * contacts; it opts out of legal calling hours so the credit rules hold at any time of day
     * (ComplianceDispatchTest checks those).
     */
    @BeforeEach
    void runningCampaign() {
        contacts = new ArrayList<>();
        campaign = runningCampaign(contacts);
    }

    /** A campaign as {@link #runningCampaign()} describes, with its contacts added to {@code contacts}. */
    private UUID runningCampaign(List<UUID> contacts) {
        UUID campaign = UUID.randomUUID();
        return runningCampaign(contacts, campaign, "team-" + campaign);
    }

    private UUID runningCampaign(List<UUID> contacts, UUID campaign, String team) {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String start = now.minusHours(1).withSecond(0).withNano(0).toString().substring(0, 5);
        String end = now.plusHours(1).withSecond(0).withNano(0).toString().substring(0, 5);
        sql("""
                INSERT INTO campaigns (id, team_id, assistant_id, name, status, call_window_start, call_window_end,
                    call_window_timezone, max_concurrent_calls, max_retries, retry_delay_minutes, compliance_profile,
                    compliance_opt_out)
                VALUES ($1, $2, 'asst', 'dispatch', 'running', $3, $4, 'Etc/UTC', 3, 2, 60, 'none', true)
                """, campaign, team, start, end);
        for (int i = 0; i < 2; i++) {
            UUID number = UUID.randomUUID();
            sql("INSERT INTO phone_numbers (id, team_id, number) VALUES ($1, $2, $3)", number, team, "+1202555030" + i);
            sql("INSERT INTO campaign_phone_numbers (campaign_id, phone_number_id, position) VALUES ($1, $2, $3)", campaign,
                    number, i);
        }
        for (int i = 0; i < 10; i++) {
            UUID contact = UUID.randomUUID();
            contacts.add(contact);
            sql("INSERT INTO contacts (id, team_id, phone) VALUES ($1, $2, $3)", contact, team, "+1202555040" + i);
            sql("INSERT INTO campaign_contacts (id, campaign_id, contact_id, status, priority) VALUES ($1, $2, $3, 'pending', $4)",
                    UUID.randomUUID(), campaign, contact, i == 7 ? 5 : 0);
        }
        return campaign;
    }

    private List<Map<String, String>> claim(List<DialContact> commands) {
        List<Map<String, String>> claims = commands.stream()
                .map(c -> Map.of("callId", c.callId(), "campaignId", c.campaignId())).toList();
        return ManagementPort.internal(management).contentType(ContentType.JSON).body(Map.of("claims", claims)).post("/internal/claims")
                .then().statusCode(200).extract().path("results");
    }

    private List<Map<String, String>> renew(List<DialContact> commands) {
        List<Map<String, String>> leases = commands.stream()
                .map(c -> Map.of("callId", c.callId(), "campaignId", c.campaignId())).toList();
        return ManagementPort.internal(management).contentType(ContentType.JSON).body(Map.of("leases", leases)).post("/internal/leases")
                .then().statusCode(200).extract().path("results");
    }

    @Test
    void releaseStopsAtTheCapAndPicksByPriorityThenAge() {
        List<DialContact> first = feeder.release(campaign).await().atMost(DB_WAIT);
        assertEquals(3, first.size());
        assertEquals(contacts.get(7).toString(), first.get(0).contactId(), "the priority contact goes first");
        assertEquals(contacts.get(0).toString(), first.get(1).contactId());
        assertEquals(List.of("+12025550300", "+12025550301", "+12025550300"), first.stream().map(DialContact::fromNumber).toList());
        assertEquals(0, feeder.release(campaign).await().atMost(DB_WAIT).size(), "no credit left");
        assertEquals(3, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'queued'", campaign));
        for (DialContact command : first) {
            // Each queued row holds its own command's call, caller ID and expiry.
            assertEquals(1, count("""
                    SELECT count(*) FROM campaign_contacts WHERE id = $1 AND status = 'queued' AND current_call_id = $2
                       AND from_number = $3 AND abs(extract(epoch FROM command_expires_at - $4)) < 0.001
                    """, UUID.fromString(command.campaignContactId()), UUID.fromString(command.callId()), command.fromNumber(),
                    Rows.timestamp(command.expiresAt())), command::toString);
        }
        // The commands reach Kafka through the outbox.
        var published = new EventTopics().awaitEvent(Topics.DIAL_COMMANDS, "the third dial command",
                e -> e.event() instanceof DialContact d && d.callId().equals(first.get(2).callId()), Duration.ofSeconds(30));
        assertEquals(first.get(2), published.event());
    }

    @Test
    void dialCommandOnKafkaCarriesCampaignVariablesOverriddenByTheContactsOwn() {
        sql("UPDATE campaigns SET variables = $2::text::jsonb WHERE id = $1", campaign,
                "{\"offer\": \"spring20\", \"plan\": \"basic\", \"firstName\": \"Customer\"}");
        UUID first = contacts.get(7); // the priority contact: the first command
        sql("UPDATE contacts SET first_name = 'Ada', last_name = '', custom_fields = $2::text::jsonb WHERE id = $1", first,
                "{\"plan\": \"gold\", \"seats\": 3, \"vip\": true, \"address\": {\"city\": \"Köln\"}, \"nothing\": null,"
                        + " \"not a name\": \"x\"}");

        List<DialContact> released = feeder.release(campaign).await().atMost(DB_WAIT);
        var published = new EventTopics().awaitEvent(Topics.DIAL_COMMANDS, "the first dial command",
                e -> e.event() instanceof DialContact d && d.callId().equals(released.get(0).callId()), Duration.ofSeconds(30));

        DialContact command = (DialContact) published.event();
        assertEquals(first.toString(), command.contactId());
        assertEquals(Map.of("offer", "spring20", "plan", "gold", "firstName", "Ada", "seats", "3", "vip", "true",
                "address", "{\"city\":\"Köln\"}"), command.variables(),
                "campaign variables, replaced by the contact's name and custom fields; an empty name keeps no value");
        assertEquals(Map.of("offer", "spring20", "plan", "basic", "firstName", "Customer"), released.get(1).variables(),
                "a contact without data of its own gets the campaign's variables");
    }

    @Test
    void firstClaimWinsAndARedeliveredCommandIsRefused() {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        assertEquals(List.of("granted"), claim(commands.subList(0, 1)).stream().map(r -> r.get("result")).toList());
        assertEquals(List.of("already_claimed"), claim(commands.subList(0, 1)).stream().map(r -> r.get("result")).toList());
        assertEquals(1, count("SELECT attempts FROM campaign_contacts WHERE current_call_id = $1",
                UUID.fromString(commands.get(0).callId())), "the refused claim counted no attempt");
        DialContact unknown = new DialContact(UUID.randomUUID().toString(), campaign.toString(), null, null, null, null,
                null, 1, null, null, null, 3, 2, 60, null, null, null, null, null);
        assertEquals("not_current", claim(List.of(unknown)).get(0).get("result"));
    }

    @Test
    void concurrentClaimsNeverExceedTheCap() throws Exception {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        sql("UPDATE campaigns SET max_concurrent_calls = 2 WHERE id = $1", campaign);
        var pool = Executors.newFixedThreadPool(3);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (DialContact c : commands) {
            results.add(CompletableFuture.supplyAsync(() -> claim(List.of(c)).get(0).get("result"), pool));
        }
        List<String> outcomes = new ArrayList<>();
        for (var r : results) {
            outcomes.add(r.get());
        }
        pool.shutdown();
        assertEquals(2, outcomes.stream().filter("granted"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter("at_capacity"::equals).count(), outcomes.toString());
        assertEquals(2, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'calling'", campaign));
    }

    @Test
    void aClaimWaitsForNoHolderOfTheCampaignsRowButAChangeOfWhatItReadsWaitsForTheClaimsInProgress() {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        SqlConnection holder = pool.getConnection().await().atMost(DB_WAIT);
        try {
            // A release or a counter snapshot holding the campaign's row does not hold up a claim.
            holder.query("BEGIN").execute().await().atMost(DB_WAIT);
            holder.preparedQuery("SELECT 1 FROM campaigns WHERE id = $1 FOR UPDATE").execute(Tuple.of(campaign))
                    .await().atMost(DB_WAIT);
            assertEquals("granted", claim(commands.subList(0, 1)).get(0).get("result"));
            holder.query("ROLLBACK").execute().await().atMost(DB_WAIT);

            // A claim in progress holds its campaign's claim lock: the bookkeeping a release writes goes on,
            // but a pause, a new cap or a new window waits for it.
            holder.query("BEGIN").execute().await().atMost(DB_WAIT);
            holder.preparedQuery(DispatchStore.CLAIM_LOCK).execute(Tuple.of(campaign)).await().atMost(DB_WAIT);
            assertEquals(1, updateWithin("UPDATE campaigns SET next_number_index = next_number_index + 1, run_calls_left = 5,"
                    + " contacts_called = 1, progress_version = progress_version + 1 WHERE id = $1"));
            for (String change : List.of("status = 'paused'", "max_concurrent_calls = 1",
                    "call_window_end = CASE WHEN call_window_end = '23:58' THEN '23:59' ELSE '23:58' END",
                    "call_window_timezone = 'America/New_York'", "compliance_profile = 'us_tcpa'", "require_consent = true",
                    "deleted_at = now()")) {
                var failure = assertThrows(PgException.class, () -> updateWithin("UPDATE campaigns SET " + change + " WHERE id = $1"),
                        change);
                assertEquals("55P03", failure.getSqlState(), change + " waited for the claim lock until its lock timeout");
            }
            holder.query("ROLLBACK").execute().await().atMost(DB_WAIT);
            assertEquals(1, updateWithin("UPDATE campaigns SET status = 'paused' WHERE id = $1"), "the lock is free again");
        } finally {
            holder.close().await().atMost(DB_WAIT);
        }
        assertEquals("campaign_not_running", claim(commands.subList(1, 2)).get(0).get("result"));
    }

    @Test
    void aCancelTakesTheClaimLockBeforeTheQueuedContactsAsAClaimDoes() throws Exception {
        ApiClients.Team team = ApiClients.newTeam(keys);
        UUID cancelled = runningCampaign(new ArrayList<>(), UUID.randomUUID(), team.teamId());
        assertEquals(3, feeder.release(cancelled).await().atMost(DB_WAIT).size());
        SqlConnection holder = pool.getConnection().await().atMost(DB_WAIT);
        var background = Executors.newSingleThreadExecutor();
        try {
            holder.query("BEGIN").execute().await().atMost(DB_WAIT);
            holder.preparedQuery(DispatchStore.CLAIM_LOCK).execute(Tuple.of(cancelled)).await().atMost(DB_WAIT);
            var cancel = CompletableFuture.supplyAsync(() -> team.request().post("/api/crm/campaigns/" + cancelled + "/cancel")
                    .then().extract().statusCode(), background);
            // The cancel waits for the claim lock (as the claim holding it would be waited for) ...
            long deadline = System.nanoTime() + DB_WAIT.toNanos();
            while (count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7301 AND NOT granted") == 0) {
                assertTrue(System.nanoTime() < deadline, "the cancel never waited for the claim lock");
                Thread.sleep(20);
            }
            // ... before it locked the queued contacts, which the claim would lock next.
            assertEquals(3, holder.preparedQuery("""
                    SELECT id FROM campaign_contacts WHERE campaign_id = $1 AND status = 'queued' FOR UPDATE NOWAIT
                    """).execute(Tuple.of(cancelled)).await().atMost(DB_WAIT).size());
            holder.query("ROLLBACK").execute().await().atMost(DB_WAIT);
            assertEquals(200, cancel.get(DB_WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            holder.close().await().atMost(DB_WAIT);
            background.shutdownNow();
        }
        assertEquals(10, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'cancelled'", cancelled));
    }

    /** Runs an update of the campaign, giving up when a lock is not free within a quarter of a second. */
    private int updateWithin(String sql) {
        return pool.withTransaction(tx -> tx.query("SET LOCAL lock_timeout = '250ms'").execute()
                .flatMap(ok -> tx.preparedQuery(sql).execute(Tuple.of(campaign)))).await().atMost(DB_WAIT).rowCount();
    }

    @Test
    void oneClaimOverSeveralCampaignsDecidesEachByItsOwnCapAndAnswersInRequestOrder() {
        UUID other = runningCampaign(new ArrayList<>());
        List<DialContact> mine = feeder.release(campaign).await().atMost(DB_WAIT);
        List<DialContact> theirs = feeder.release(other).await().atMost(DB_WAIT);
        sql("UPDATE campaigns SET max_concurrent_calls = 2 WHERE id = $1", other);
        DialContact ofNoCampaign = new DialContact(UUID.randomUUID().toString(), UUID.randomUUID().toString(), null, null,
                null, null, null, 1, null, null, null, 3, 2, 60, null, null, null, null, null);
        List<DialContact> batch = List.of(mine.get(0), theirs.get(0), mine.get(1), theirs.get(1), ofNoCampaign, mine.get(2),
                theirs.get(2));

        List<Map<String, String>> results = claim(batch);

        assertEquals(batch.stream().map(DialContact::callId).toList(), results.stream().map(r -> r.get("callId")).toList());
        assertEquals(List.of("granted", "granted", "granted", "granted", "not_current", "granted", "at_capacity"),
                results.stream().map(r -> r.get("result")).toList());
        assertEquals(3, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'calling'", campaign));
        assertEquals(2, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'calling'", other));
        assertEquals(5, count("SELECT count(*) FROM dial_attempts WHERE campaign_id = ANY($1)",
                (Object) new UUID[] { campaign, other }), "one attempt per granted claim");
    }

    @Test
    void pausedCampaignReleasesNothingAndRefusesClaims() {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        sql("UPDATE campaigns SET status = 'paused' WHERE id = $1", campaign);
        assertEquals("campaign_not_running", claim(commands.subList(0, 1)).get(0).get("result"));
        sql("UPDATE campaign_contacts SET status = 'pending', current_call_id = NULL WHERE campaign_id = $1", campaign);
        assertEquals(0, feeder.release(campaign).await().atMost(DB_WAIT).size());
    }

    @Test
    void runBudgetLimitsReleasedCommands() {
        sql("UPDATE campaigns SET run_calls_left = 2 WHERE id = $1", campaign);
        assertEquals(2, feeder.release(campaign).await().atMost(DB_WAIT).size());
        sql("UPDATE campaign_contacts SET status = 'completed' WHERE campaign_id = $1 AND status = 'queued'", campaign);
        assertEquals(0, feeder.release(campaign).await().atMost(DB_WAIT).size(), "budget spent");
    }

    @Test
    void expiredUnclaimedCommandsReturnToPendingAndTheirLateClaimIsRefused() {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        sql("UPDATE campaign_contacts SET command_expires_at = now() - interval '1 hour' WHERE campaign_id = $1", campaign);
        assertTrue(dispatch.returnExpired().await().atMost(DB_WAIT) >= 3);
        assertEquals(0, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'queued'", campaign));
        assertEquals("not_current", claim(commands.subList(0, 1)).get(0).get("result"));
        assertEquals(3, feeder.release(campaign).await().atMost(DB_WAIT).size(), "the credit came back");
    }

    private String status(UUID id) {
        return pool.preparedQuery("SELECT status FROM campaigns WHERE id = $1").execute(Tuple.of(id)).await().atMost(DB_WAIT)
                .iterator().next().getString(0);
    }

    @Test
    void theTimerStartsAScheduledCampaignAtItsTimeAndReleasesItsFirstWave() {
        sql("UPDATE campaigns SET status = 'scheduled', scheduled_start_at = now() + interval '1 hour' WHERE id = $1", campaign);
        feeder.tick().await().atMost(DB_WAIT);
        assertEquals("scheduled", status(campaign), "not yet");
        sql("UPDATE campaigns SET scheduled_start_at = now() - interval '1 second' WHERE id = $1", campaign);
        feeder.tick().await().atMost(DB_WAIT);
        assertEquals("running", status(campaign));
        assertEquals(3, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'queued'", campaign));
    }

    @Test
    void aSpentRunPausesOnceItsCallsSettled() {
        sql("UPDATE campaigns SET run_calls_left = 2 WHERE id = $1", campaign);
        assertEquals(2, feeder.release(campaign).await().atMost(DB_WAIT).size());
        feeder.tick().await().atMost(DB_WAIT);
        assertEquals("running", status(campaign), "its two calls are still in flight");
        sql("UPDATE campaign_contacts SET status = 'completed' WHERE campaign_id = $1 AND status = 'queued'", campaign);
        feeder.tick().await().atMost(DB_WAIT);
        assertEquals("paused", status(campaign));
        assertEquals(0, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'queued'", campaign));
    }

    @Test
    void theTimerReturnsExpiredCommandsAndReleasesAgain() {
        List<DialContact> first = feeder.release(campaign).await().atMost(DB_WAIT);
        sql("UPDATE campaign_contacts SET command_expires_at = now() - interval '1 hour' WHERE campaign_id = $1", campaign);
        feeder.tick().await().atMost(DB_WAIT);
        List<String> queuedCalls = pool.preparedQuery("SELECT current_call_id FROM campaign_contacts WHERE campaign_id = $1 AND status = 'queued'")
                .execute(Tuple.of(campaign)).await().atMost(DB_WAIT).stream().map(r -> r.getUUID(0).toString()).toList();
        assertEquals(3, queuedCalls.size(), "the credit was used again");
        assertTrue(first.stream().noneMatch(c -> queuedCalls.contains(c.callId())), "with new call ids");
    }

    private Instant leaseOf(String callId) {
        return pool.preparedQuery("SELECT lease_until FROM campaign_contacts WHERE current_call_id = $1")
                .execute(Tuple.of(UUID.fromString(callId))).await().atMost(DB_WAIT).iterator().next()
                .getOffsetDateTime(0).toInstant();
    }

    @Test
    void aGrantedClaimIsALeaseThatRenewalsExtendAndOnlyItsHolderKeeps() {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        Instant before = Instant.now();
        Map<String, String> granted = claim(commands.subList(0, 1)).get(0);
        assertEquals("granted", granted.get("result"));
        Instant leaseUntil = Instant.parse(granted.get("leaseUntil"));
        assertEquals(leaseOf(commands.get(0).callId()), leaseUntil, "the answer tells the stored lease");
        assertTrue(!leaseUntil.isBefore(before.plusSeconds(29)) && leaseUntil.isBefore(Instant.now().plusSeconds(31)),
                "about 30 s: " + leaseUntil);
        Map<String, String> again = claim(commands.subList(0, 1)).get(0);
        assertEquals("already_claimed", again.get("result"));
        assertEquals(null, again.get("leaseUntil"), "only a granted claim carries a lease");

        sql("UPDATE campaign_contacts SET lease_until = now() + interval '5 seconds' WHERE current_call_id = $1",
                UUID.fromString(commands.get(0).callId()));
        DialContact unknown = new DialContact(UUID.randomUUID().toString(), campaign.toString(), null, null, null, null,
                null, 1, null, null, null, 3, 2, 60, null, null, null, null, null);
        List<Map<String, String>> renewed = renew(List.of(commands.get(0), commands.get(2), unknown));
        assertEquals(List.of("renewed", "lost", "lost"), renewed.stream().map(r -> r.get("result")).toList(),
                "only the granted call is held; a queued one and an unknown one are not");
        assertTrue(leaseOf(commands.get(0).callId()).isAfter(Instant.now().plusSeconds(25)), "renewed for a whole lease");
    }

    @Test
    void anExpiredLeaseSettlesItsCallAsLostOnceAndHoldsTheSlotUntilThatSettlementReturns() {
        List<DialContact> commands = feeder.release(campaign).await().atMost(DB_WAIT);
        assertEquals(List.of("granted", "granted", "granted"), claim(commands).stream().map(r -> r.get("result")).toList());
        DialContact dead = commands.get(0);
        UUID deadCall = UUID.fromString(dead.callId());
        sql("UPDATE campaign_contacts SET lease_until = now() - interval '1 second' WHERE current_call_id = $1", deadCall);
        Instant ranOut = leaseOf(dead.callId());

        feeder.tick().await().atMost(DB_WAIT);
        var lost = new EventTopics().awaitEvent(Topics.CALL_EVENTS, "the lost call's CallEnded",
                e -> e.event() instanceof CallEnded ended && ended.callId().equals(dead.callId()), Duration.ofSeconds(30));
        CallEnded ended = (CallEnded) lost.event();
        assertEquals(CallOutcome.ERROR, ended.outcome());
        assertEquals(CallEnded.LEASE_EXPIRED, ended.endReason());
        assertEquals(ranOut, ended.endedAt(), "ended when its lease ran out");
        assertEquals(1, ended.attempt());
        assertEquals(dead.campaignContactId(), ended.campaignContactId());

        assertEquals("lost", renew(List.of(dead)).get(0).get("result"), "its dialer is told to hang up");
        assertEquals(List.of("renewed", "renewed"), renew(commands.subList(1, 3)).stream().map(r -> r.get("result")).toList(),
                "the other calls keep theirs");
        leases.expire(Instant.now()).await().atMost(DB_WAIT);
        assertEquals(1, count("SELECT count(*) FROM campaign_contacts WHERE current_call_id = $1 AND status = 'calling' AND lease_until IS NULL",
                deadCall), "given up once: its lease is gone, and the next pass does not see it again");
        assertEquals(3, count("SELECT count(*) FROM campaign_contacts WHERE campaign_id = $1 AND status = 'calling'", campaign),
                "the lost call holds its slot until its settlement comes back");
        assertEquals(0, feeder.release(campaign).await().atMost(DB_WAIT).size(), "no credit yet");
    }
}
