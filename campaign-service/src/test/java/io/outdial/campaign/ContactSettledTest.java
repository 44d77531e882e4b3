package io.outdial.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.dispatch.SettlementStore;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Contact outcomes from Kafka free credits, schedule retries, finish contacts and complete the campaign; once per event. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactSettledTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    SettlementStore settlementStore;

    private final EventTopics topics = new EventTopics();

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB_WAIT);
    }

    private Row member(UUID id) {
        return pool.preparedQuery("SELECT * FROM campaign_contacts WHERE id = $1").execute(Tuple.of(id)).await().atMost(DB_WAIT)
                .iterator().next();
    }

    /** A running campaign of {@code team} with the given window, cap and retries. */
    private UUID runningCampaign(String team, String windowStart, String windowEnd, String timezone, int cap, int maxRetries) {
        UUID campaign = UUID.randomUUID();
        sql("""
                INSERT INTO campaigns (id, team_id, name, status, call_window_start, call_window_end, call_window_timezone,
                    max_concurrent_calls, max_retries, retry_delay_minutes)
                VALUES ($1, $2, $2, 'running', $3, $4, $5, $6, $7, 60)
                """, campaign, team, windowStart, windowEnd, timezone, cap, maxRetries);
        return campaign;
    }

    /** A new contact of {@code team} in the campaign as {@code member}, in {@code status} for {@code call} (null: none); its id. */
    private UUID member(UUID campaign, String team, UUID member, String phone, String status, UUID call) {
        UUID contact = UUID.randomUUID();
        sql("INSERT INTO contacts (id, team_id, phone) VALUES ($1, $2, $3)", contact, team, phone);
        sql("""
                INSERT INTO campaign_contacts (id, campaign_id, contact_id, status, current_call_id, attempts)
                VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::uuid IS NULL THEN 0 ELSE 1 END)
                """, member, campaign, contact, status, call);
        return contact;
    }

    private String campaignStatus(UUID id) {
        return pool.preparedQuery("SELECT status FROM campaigns WHERE id = $1").execute(Tuple.of(id)).await().atMost(DB_WAIT)
                .iterator().next().getString(0);
    }

    @Test
    void outcomesApplyOnceIgnoreStaleCallsAndCompleteTheCampaign() {
        UUID campaign = runningCampaign("team-settle", "09:00", "17:00", "America/New_York", 3, 1);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID callA = UUID.randomUUID();
        UUID callB = UUID.randomUUID();
        member(campaign, "team-settle", a, "+12025550500", "calling", callA);
        member(campaign, "team-settle", b, "+12025550500", "calling", callB);
        Instant now = Instant.now();
        // a: no answer with a retry left; delivered twice; then a stale settlement of an old call.
        ContactSettled retry = new ContactSettled(callA.toString(), campaign.toString(), a.toString(), null, 1, Settlement.RETRY,
                null, CallOutcome.NO_ANSWER, now.plusSeconds(3600), now);
        String retryId = UUID.randomUUID().toString();
        topics.publish(retryId, retry);
        topics.publish(retryId, retry);
        topics.publish(new ContactSettled(UUID.randomUUID().toString(), campaign.toString(), a.toString(), null, 1,
                Settlement.DONE, "completed", CallOutcome.ANSWERED, null, now));
        // b: answered.
        topics.publish(new ContactSettled(callB.toString(), campaign.toString(), b.toString(), null, 1, Settlement.DONE,
                "completed", CallOutcome.ANSWERED, null, now));
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));

        Row ra = member(a);
        assertEquals("pending", ra.getString("status"));
        assertEquals("no_answer", ra.getString("outcome"));
        assertEquals(null, ra.getUUID("current_call_id"));
        Row rb = member(b);
        assertEquals("completed", rb.getString("status"));
        assertEquals("answered", rb.getString("outcome"));
        assertEquals("running", campaignStatus(campaign), "a has a retry pending");

        // a's retry is claimed and ends exhausted: every contact is terminal and the campaign completes.
        UUID callA2 = UUID.randomUUID();
        sql("UPDATE campaign_contacts SET status = 'calling', current_call_id = $2, attempts = 2 WHERE id = $1", a, callA2);
        topics.publish(new ContactSettled(callA2.toString(), campaign.toString(), a.toString(), null, 2, Settlement.DONE,
                "failed", CallOutcome.NO_ANSWER, null, now));
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));
        assertEquals("failed", member(a).getString("status"));
        assertEquals("completed", campaignStatus(campaign));
    }

    /**
     * A release without an outcome (a redelivered command skipped, a claim refused or unanswered) comes
     * from a dialer that never held the claim: it frees a contact still queued, never one in a call,
     * which another dialer holds. The holder's give-back (released, not_dialed) frees it.
     */
    @Test
    void onlyTheHolderReleasesAContactInACall() {
        UUID campaign = runningCampaign("team-release", "00:00", "23:59", "Etc/UTC", 3, 1);
        UUID inCall = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        UUID callInCall = UUID.randomUUID();
        UUID callQueued = UUID.randomUUID();
        member(campaign, "team-release", inCall, "+12025550501", "calling", callInCall);
        member(campaign, "team-release", queued, "+12025550501", "queued", callQueued);
        Instant now = Instant.now();
        topics.publish(released(campaign, inCall, callInCall, null, now));
        topics.publish(released(campaign, queued, callQueued, null, now));
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));
        assertEquals("calling", member(inCall).getString("status"), "a skip or a claim not held leaves the call alone");
        assertEquals(callInCall, member(inCall).getUUID("current_call_id"));
        assertEquals("pending", member(queued).getString("status"), "a contact never claimed is free again");

        topics.publish(released(campaign, inCall, callInCall, CallOutcome.NOT_DIALED, now));
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));
        assertEquals("pending", member(inCall).getString("status"), "the holder gave its claim back");
        assertEquals(null, member(inCall).getUUID("current_call_id"));
    }

    /**
     * Settlements applied in one statement come out as if applied one by one: of a contact's, the
     * first that applies wins (a skip's release leaves a call alone, then the holder's end settles
     * it, and a settlement of the same call after that changes nothing); the answer names, in order,
     * the positions that moved a contact.
     */
    @Test
    void aBatchOfSettlementsAppliesTheFirstThatAppliesToEachContact() {
        UUID campaign = runningCampaign("team-batch", "00:00", "23:59", "Etc/UTC", 3, 1);
        UUID inCall = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        UUID retrying = UUID.randomUUID();
        UUID stale = UUID.randomUUID();
        UUID callInCall = UUID.randomUUID();
        UUID callQueued = UUID.randomUUID();
        UUID callRetrying = UUID.randomUUID();
        member(campaign, "team-batch", inCall, "+12025550601", "calling", callInCall);
        member(campaign, "team-batch", queued, "+12025550602", "queued", callQueued);
        member(campaign, "team-batch", retrying, "+12025550603", "calling", callRetrying);
        member(campaign, "team-batch", stale, "+12025550604", "calling", UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant due = now.plusSeconds(3600);
        List<ContactSettled> batch = List.of(
                released(campaign, inCall, callInCall, null, now),
                released(campaign, queued, callQueued, null, now),
                new ContactSettled(callInCall.toString(), campaign.toString(), inCall.toString(), null, 1, Settlement.DONE,
                        "completed", CallOutcome.ANSWERED, null, now),
                new ContactSettled(callRetrying.toString(), campaign.toString(), retrying.toString(), null, 1, Settlement.RETRY,
                        null, CallOutcome.NO_ANSWER, due, now),
                new ContactSettled(callInCall.toString(), campaign.toString(), inCall.toString(), null, 1, Settlement.RETRY, null,
                        CallOutcome.BUSY, due, now),
                new ContactSettled(UUID.randomUUID().toString(), campaign.toString(), stale.toString(), null, 1, Settlement.DONE,
                        "failed", CallOutcome.BUSY, null, now));

        List<Integer> moved = pool.withTransaction(tx -> settlementStore.settleAll(tx, batch)).await().atMost(DB_WAIT);

        assertEquals(List.of(1, 2, 3), moved);
        Row done = member(inCall);
        assertEquals("completed", done.getString("status"), "the skip's release left the call alone; the holder's end settled it");
        assertEquals("answered", done.getString("outcome"));
        assertEquals(now, done.getOffsetDateTime("completed_at").toInstant());
        assertEquals("pending", member(queued).getString("status"));
        assertEquals(null, member(queued).getUUID("current_call_id"));
        Row retry = member(retrying);
        assertEquals("pending", retry.getString("status"));
        assertEquals("no_answer", retry.getString("outcome"));
        assertEquals(due, retry.getOffsetDateTime("next_attempt_at").toInstant());
        assertEquals(due, retry.getOffsetDateTime("next_eligible_at").toInstant());
        assertEquals("retry_delay", retry.getString("wait_reason"));
        assertEquals("calling", member(stale).getString("status"), "a settlement of another call changes nothing");
    }

    private static ContactSettled released(UUID campaign, UUID member, UUID call, CallOutcome notDialed, Instant now) {
        return new ContactSettled(call.toString(), campaign.toString(), member.toString(), null, 1, Settlement.RELEASED, null,
                notDialed, null, now);
    }

    @Test
    void tenConfigErrorsInARowPauseTheCampaignAndAnotherOutcomeBreaksTheStreak() {
        UUID campaign = runningCampaign("team-streak", "00:00", "23:59", "Etc/UTC", 20, 0);
        // One contact still to call keeps the campaign from completing.
        member(campaign, "team-streak", UUID.randomUUID(), "+12025550999", "pending", null);
        Instant now = Instant.now();
        // Nine config errors, then a busy: the streak starts again; then ten config errors in a row.
        List<CallOutcome> outcomes = new java.util.ArrayList<>(java.util.Collections.nCopies(9, CallOutcome.CONFIG_ERROR));
        outcomes.add(CallOutcome.BUSY);
        outcomes.addAll(java.util.Collections.nCopies(9, CallOutcome.CONFIG_ERROR));
        int i = 0;
        for (CallOutcome outcome : outcomes) {
            topics.publish(settledCall(campaign, ++i, outcome, now));
        }
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));
        assertEquals("running", campaignStatus(campaign), "nine config errors since the busy one");

        topics.publish(settledCall(campaign, ++i, CallOutcome.CONFIG_ERROR, now));
        topics.awaitConsumed("campaign-service", Topics.CONTACT_OUTCOMES, Duration.ofSeconds(30));
        Row row = pool.preparedQuery("SELECT status, pause_reason FROM campaigns WHERE id = $1").execute(Tuple.of(campaign))
                .await().atMost(DB_WAIT).iterator().next();
        assertEquals("paused", row.getString("status"));
        assertEquals("config_error_streak", row.getString("pause_reason"));
        var paused = topics.awaitEvent(Topics.CAMPAIGN_LIFECYCLE, "the pause of campaign " + campaign,
                e -> e.event() instanceof io.outdial.contract.events.CampaignStatusChanged c
                        && c.campaignId().equals(campaign.toString()) && c.status().equals("paused"),
                Duration.ofSeconds(30));
        assertEquals("running", ((io.outdial.contract.events.CampaignStatusChanged) paused.event()).previousStatus());
    }

    /** A contact in a call that settles DONE with {@code outcome}. */
    private ContactSettled settledCall(UUID campaign, int n, CallOutcome outcome, Instant now) {
        UUID member = UUID.randomUUID();
        UUID call = UUID.randomUUID();
        UUID contact = member(campaign, "team-streak", member, "+1202555" + (1000 + n), "calling", call);
        return new ContactSettled(call.toString(), campaign.toString(), member.toString(), contact.toString(), 1,
                Settlement.DONE, "failed", outcome, null, now);
    }
}
