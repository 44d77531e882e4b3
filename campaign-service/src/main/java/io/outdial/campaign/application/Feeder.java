package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.outdial.campaign.config.DispatchSettings;
import io.outdial.campaign.dispatch.DispatchCampaign;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.dispatch.DispatchStore.Candidate;
import io.outdial.campaign.dispatch.DispatchStore.Queued;
import io.outdial.campaign.dispatch.ScheduledTransitions;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.Credits;
import io.outdial.contract.events.DialContact;
import io.outdial.platform.outbox.OutboxRelay;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The feeder: releases dial commands when a run starts or resumes, after every contact outcome (a
 * credit came back), and on a short timer (windows opening, retries falling due). The timer also
 * starts scheduled campaigns, returns expired unclaimed commands and pauses campaigns whose run
 * budget is spent once their calls settled. A dry run plans with the same rules and writes nothing.
 */
@ApplicationScoped
public class Feeder {

    private static final Logger LOG = Logger.getLogger(Feeder.class);

    private final Pool pool;
    private final DispatchStore dispatch;
    private final ScheduledTransitions scheduled;
    private final OutboxRelay relay;
    private final DispatchSettings settings;
    private final Clock clock;

    public Feeder(Pool pool, DispatchStore dispatch, ScheduledTransitions scheduled, OutboxRelay relay,
            DispatchSettings settings, Clock clock) {
        this.pool = pool;
        this.dispatch = dispatch;
        this.scheduled = scheduled;
        this.relay = relay;
        this.settings = settings;
        this.clock = clock;
    }

    /** A call the feeder starts (or, planning, would start): the contact and its caller ID. */
    public record PlannedCall(Candidate contact, String fromNumber) {
    }

    /** What the campaign's credit allows now, given its calls in flight. */
    public record Plan(List<PlannedCall> calls, long inFlight, int newNumbers) {
    }

    /**
     * The calls a campaign would start now: within its credit and run budget ({@code runLimit}
     * overrides the stored one when planning a run not started yet), with caller IDs by rotation.
     * {@code lock} takes the contacts for queueing.
     */
    public Uni<Plan> plan(SqlClient client, DispatchCampaign campaign, Integer runLimit, Instant now, boolean lock) {
        return dispatch.inFlight(client, campaign.id()).flatMap(inFlight -> {
            int credit = Credits.available(campaign.maxConcurrentCalls(), inFlight, runLimit);
            if (credit == 0 || campaign.fromNumbers().isEmpty()) {
                return Uni.createFrom().item(new Plan(List.of(), inFlight, 0));
            }
            return dispatch.dialable(client, campaign.id(), now, credit, lock).map(candidates -> {
                List<String> from = Credits.callerIds(candidates.stream().map(Candidate::fromNumber).toList(),
                        campaign.fromNumbers(), campaign.nextNumberIndex());
                List<PlannedCall> calls = new ArrayList<>(candidates.size());
                for (int i = 0; i < candidates.size(); i++) {
                    calls.add(new PlannedCall(candidates.get(i), from.get(i)));
                }
                int newNumbers = (int) candidates.stream().filter(c -> c.fromNumber() == null).count();
                return new Plan(calls, inFlight, newNumbers);
            });
        });
    }

    /**
     * Releases dial commands for a running campaign while its window is open: as many as its
     * credit allows. Commands go to the outbox in the same transaction, and the relay is hurried.
     */
    public Uni<List<DialContact>> release(UUID campaignId) {
        return pool.withTransaction(tx -> dispatch.campaign(tx, campaignId, null, true).flatMap(c -> {
            Instant now = clock.instant();
            if (c == null || c.status() != CampaignStatus.RUNNING || !c.window().isOpenAt(now)) {
                return Uni.createFrom().item(List.<DialContact> of());
            }
            return plan(tx, c, c.runCallsLeft(), now, true).flatMap(plan -> queue(tx, c, plan, now));
        })).invoke(released -> {
            if (!released.isEmpty()) {
                relay.nudge();
            }
        });
    }

    private Uni<List<DialContact>> queue(SqlClient tx, DispatchCampaign c, Plan plan, Instant now) {
        if (plan.calls().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant expiresAt = now.plus(settings.commandTtl());
        List<DialContact> commands = new ArrayList<>();
        List<Queued> queued = new ArrayList<>();
        for (PlannedCall call : plan.calls()) {
            UUID callId = UUID.randomUUID();
            Candidate m = call.contact();
            commands.add(new DialContact(callId.toString(), c.id().toString(), m.memberId().toString(),
                    m.contactId().toString(), m.phone(), call.fromNumber(), c.assistantId(), m.attempts() + 1,
                    c.callWindowStart(), c.callWindowEnd(), c.callWindowTimezone(), c.maxConcurrentCalls(), c.maxRetries(),
                    c.retryDelayMinutes(), expiresAt, c.callRules().ringTimeoutSeconds(),
                    c.callRules().maxCallDurationSeconds(), c.callRules().retryRules()));
            queued.add(new Queued(m.memberId(), callId, call.fromNumber(), expiresAt));
        }
        return dispatch.queue(tx, c.id(), queued, plan.newNumbers(), commands).replaceWith(commands);
    }

    @Scheduled(every = "${outdial.dispatch.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        Instant now = clock.instant();
        return scheduled.startDue(now)
                .flatMap(ok -> dispatch.returnExpired())
                .flatMap(ok -> scheduled.pauseSpentRuns(now))
                .flatMap(ok -> scheduled.runningCampaigns())
                .flatMap(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID id : ids) {
                        chain = chain.flatMap(ok -> release(id).replaceWithVoid());
                    }
                    return chain;
                })
                .onFailure().invoke(e -> LOG.warnf("dispatch tick failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
