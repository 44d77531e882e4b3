package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.outdial.campaign.config.DispatchSettings;
import io.outdial.campaign.dispatch.AuditLog;
import io.outdial.campaign.dispatch.DispatchCampaign;
import io.outdial.campaign.dispatch.DispatchStore.Candidate;
import io.outdial.campaign.dispatch.DispatchStore.Queued;
import io.outdial.campaign.dispatch.DispatchStore.Skipped;
import io.outdial.campaign.dispatch.DispatchStore.Waiting;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.dispatch.LeaseStore;
import io.outdial.campaign.dispatch.ScheduledTransitions;
import io.outdial.campaign.dispatch.SettlementStore;
import io.outdial.campaign.domain.AssistantVariables;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.Credits;
import io.outdial.campaign.domain.eligibility.CalleeTime;
import io.outdial.campaign.domain.eligibility.CampaignFacts;
import io.outdial.campaign.domain.eligibility.Eligibility;
import io.outdial.campaign.domain.eligibility.EligibilityDecision;
import io.outdial.contract.events.DialContact;
import io.outdial.platform.outbox.OutboxRelay;
import io.outdial.platform.outbox.OutboxWriter;
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
    private final Eligibility eligibility;
    private final AuditLog auditLog;
    private final SettlementStore settlements;
    private final OutboxWriter outbox;
    private final LeaseStore leases;

    public Feeder(Pool pool, DispatchStore dispatch, ScheduledTransitions scheduled, OutboxRelay relay,
            DispatchSettings settings, Clock clock, Eligibility eligibility, AuditLog auditLog, SettlementStore settlements,
            OutboxWriter outbox, LeaseStore leases) {
        this.pool = pool;
        this.dispatch = dispatch;
        this.scheduled = scheduled;
        this.relay = relay;
        this.settings = settings;
        this.clock = clock;
        this.eligibility = eligibility;
        this.auditLog = auditLog;
        this.settlements = settlements;
        this.outbox = outbox;
        this.leases = leases;
    }

    /** Contacts skipped at release may have been the campaign's last: it completes as after a settlement. */
    private Uni<Void> completeIfDone(SqlClient tx, UUID campaignId, Instant now) {
        return settlements.completeIfAllTerminal(tx, campaignId).flatMap(completed -> completed == null
                ? Uni.createFrom().voidItem()
                : outbox.append(tx, completed.statusChanged("running", now)));
    }

    /** A call the feeder starts (or, planning, would start): the contact and its caller ID. */
    public record PlannedCall(Candidate contact, String fromNumber) {
    }

    /**
     * What the campaign's credit allows now, given its calls in flight; the contacts met on the way
     * that may never be called (skipped), with the audit of them. A release has already marked those
     * and the ones that wait; a dry run marks nothing.
     */
    public record Plan(List<PlannedCall> calls, long inFlight, int newNumbers, List<Skipped> skipped,
            List<AuditLog.Entry> audit) {

        static Plan empty(long inFlight) {
            return new Plan(List.of(), inFlight, 0, List.of(), List.of());
        }
    }

    /** Rounds of picking per release: contacts that turn out ineligible make room for the next ones. */
    static final int MAX_PICK_ROUNDS = 4;

    /**
     * The calls a campaign would start now: within its credit and run budget ({@code runLimit}
     * overrides the stored one when planning a run not started yet), with caller IDs by rotation.
     * {@code lock} takes the contacts for queueing.
     */
    public Uni<Plan> plan(SqlClient client, DispatchCampaign campaign, Integer runLimit, Instant now, boolean lock) {
        return dispatch.inFlight(client, campaign.id()).flatMap(inFlight -> {
            int credit = Credits.available(campaign.maxConcurrentCalls(), inFlight, runLimit);
            if (credit == 0 || campaign.fromNumbers().isEmpty()) {
                return Uni.createFrom().item(Plan.empty(inFlight));
            }
            return pick(client, campaign, credit, now, lock, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), 1)
                    .map(plan -> {
                        List<String> from = Credits.callerIds(plan.calls().stream().map(c -> c.contact().fromNumber()).toList(),
                                campaign.fromNumbers(), campaign.nextNumberIndex());
                        List<PlannedCall> calls = new ArrayList<>(plan.calls().size());
                        for (int i = 0; i < plan.calls().size(); i++) {
                            calls.add(new PlannedCall(plan.calls().get(i).contact(), from.get(i)));
                        }
                        int newNumbers = (int) calls.stream().filter(c -> c.contact().fromNumber() == null).count();
                        return new Plan(calls, inFlight, newNumbers, plan.skipped(), plan.audit());
                    });
        });
    }

    /**
     * Picks ready contacts and keeps the eligible ones, up to {@code credit}. Locking (a real
     * release), the ineligible ones are marked at once so the next round's pick passes them; a
     * dry run looks once, a little further.
     */
    private Uni<Plan> pick(SqlClient client, DispatchCampaign campaign, int credit, Instant now, boolean lock,
            List<PlannedCall> calls, List<Skipped> skipped, List<AuditLog.Entry> audit, int round) {
        int wanted = credit - calls.size();
        int asked = lock ? wanted : wanted + DRY_RUN_LOOKAHEAD;
        return dispatch.dialable(client, campaign.id(), now, asked, lock).flatMap(candidates -> {
            List<Waiting> newWaiting = new ArrayList<>();
            List<Skipped> newSkipped = new ArrayList<>();
            CampaignFacts campaignFacts = campaign.facts();
            for (Candidate candidate : candidates) {
                if (calls.size() == credit) {
                    break;
                }
                EligibilityDecision decision = eligibility.decide(candidate.facts(), campaignFacts,
                        candidate.team(), candidate.history(), now);
                if (decision instanceof EligibilityDecision.Eligible) {
                    calls.add(new PlannedCall(candidate, candidate.fromNumber()));
                } else if (decision instanceof EligibilityDecision.NotYet notYet) {
                    newWaiting.add(new Waiting(candidate.memberId(), notYet.nextEligibleAt(), notYet.reason().wireName()));
                } else {
                    String reason = ((EligibilityDecision.Never) decision).reason().wireName();
                    newSkipped.add(new Skipped(candidate.memberId(), reason));
                    audit.add(new AuditLog.Entry(campaign.id(), candidate.memberId(), candidate.contactId(), null, "skip", reason,
                            candidate.phone(), CalleeTime.at(candidate.phone(), candidate.timezone(), candidate.state(), now),
                            eligibility.rulesVersion(), now));
                }
            }
            skipped.addAll(newSkipped);
            boolean more = lock && calls.size() < credit && candidates.size() == asked && round < MAX_PICK_ROUNDS;
            // Locking, each round's ineligible contacts are marked at once, so the next round's pick passes them.
            Uni<Void> marked = lock
                    ? Uni.join().all(dispatch.markWaiting(client, newWaiting), dispatch.markSkipped(client, newSkipped, now))
                            .andCollectFailures().replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return marked.flatMap(ok -> more ? pick(client, campaign, credit, now, lock, calls, skipped, audit, round + 1)
                    : Uni.createFrom().item(new Plan(calls, 0, 0, skipped, audit)));
        });
    }

    /** How far past its credit a dry run looks, so that a few ineligible contacts do not hide the eligible ones. */
    static final int DRY_RUN_LOOKAHEAD = 50;

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
            // The audit and the commands are written together (pipelined): the campaign's row is locked until the commit.
            return plan(tx, c, c.runCallsLeft(), now, true).flatMap(plan -> Uni.combine().all()
                    .unis(auditLog.append(tx, plan.audit()).replaceWith(true), queue(tx, c, plan, now)).with((audited, commands) -> commands)
                    // Contacts skipped now may have been the last; or nothing is left at all, as when every
                    // call settled while the campaign was paused and it is resumed.
                    .call(commands -> !plan.skipped().isEmpty() || (commands.isEmpty() && plan.inFlight() == 0)
                            ? completeIfDone(tx, c.id(), now)
                            : Uni.createFrom().voidItem()));
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
                    c.callRules().maxCallDurationSeconds(), c.callRules().retryRules(), AssistantVariables.merge(c.variables(),
                            m.assistantFacts().firstName(), m.assistantFacts().lastName(), m.assistantFacts().customFields())));
            queued.add(new Queued(m.memberId(), callId, call.fromNumber(), expiresAt));
        }
        return dispatch.queue(tx, c.id(), queued, plan.newNumbers(), commands).replaceWith(commands);
    }

    @Scheduled(every = "${outdial.dispatch.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        Instant now = clock.instant();
        return scheduled.startDue(now)
                .flatMap(ok -> dispatch.returnExpired())
                .flatMap(ok -> leases.expire(now))
                .invoke(lost -> {
                    if (lost > 0) {
                        LOG.infof("%d calls lost their lease: settled as %s", lost, io.outdial.contract.events.CallEnded.LEASE_EXPIRED);
                        relay.nudge();
                    }
                })
                .flatMap(ok -> dispatch.wakeDue(now))
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
