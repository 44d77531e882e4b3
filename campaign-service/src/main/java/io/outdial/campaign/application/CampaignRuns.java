package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.dispatch.DispatchCampaign;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.persistence.CampaignContactRepository.Member;
import io.outdial.campaign.persistence.CampaignContactRepository;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.DialContact;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** {@code POST /campaigns/{id}/run}: start a run, or preview with the feeder's own rules what it would start now. */
@ApplicationScoped
public class CampaignRuns {

    /** How many skipped contacts a run report names; the count covers all of them. */
    static final int MAX_ERRORS_LISTED = 100;

    private final Pool pool;
    private final CampaignLifecycle lifecycle;
    private final Feeder feeder;
    private final DispatchStore dispatch;
    private final CampaignContactRepository members;
    private final Clock clock;

    public CampaignRuns(Pool pool, CampaignLifecycle lifecycle, Feeder feeder, DispatchStore dispatch,
            CampaignContactRepository members, Clock clock) {
        this.pool = pool;
        this.lifecycle = lifecycle;
        this.feeder = feeder;
        this.dispatch = dispatch;
        this.members = members;
        this.clock = clock;
    }

    /** A call the run started ({@code callId} set) or would start. */
    public record RunCall(String callId, String campaignId, String campaignContactId, String contactId, int attempt,
            String toNumber, String fromNumber, String status) {
    }

    public record RunReport(List<RunCall> calls, int skipped, List<String> errors, String message, boolean dryRun) {
    }

    public Uni<RunReport> run(String teamId, UUID id, Integer limit, boolean dryRun) {
        if (dryRun) {
            return pool.withTransaction(tx -> dispatch.campaign(tx, id, teamId, false).flatMap(campaign -> {
                if (campaign == null) {
                    throw Refusal.notFound("campaign", id.toString());
                }
                if (!campaign.status().canBecome(CampaignStatus.RUNNING) && campaign.status() != CampaignStatus.RUNNING) {
                    throw Refusal.illegalTransition("campaign", campaign.status().wireName(), CampaignStatus.RUNNING.wireName());
                }
                return preview(tx, campaign, limit);
            }));
        }
        return lifecycle.transition(teamId, id, CampaignStatus.RUNNING, true, limit)
                .flatMap(previous -> feeder.release(id))
                .flatMap(released -> pool.withTransaction(tx -> dispatch.campaign(tx, id, teamId, false)
                        .flatMap(campaign -> members.countByStatus(tx, id, ContactStatus.PENDING)
                                .flatMap(pending -> members.countWaiting(tx, id)
                                        .map(waiting -> new Pending(pending - waiting, waiting)))
                                .flatMap(pending -> skipped(tx, id).map(skipped -> {
                                    List<RunCall> calls = released.stream().map(CampaignRuns::started).toList();
                                    // A campaign without caller IDs never gets here: its run is refused (RunReadiness).
                                    return new RunReport(calls, skipped.count(), skipped.errors(),
                                            startedMessage(campaign, calls.size(), pending), false);
                                })))));
    }

    private static RunCall started(DialContact c) {
        return new RunCall(c.callId(), c.campaignId(), c.campaignContactId(), c.contactId(), c.attempt(), c.toNumber(),
                c.fromNumber(), "queued");
    }

    /** Pending contacts: those that wait for a free slot, and those that wait for a time. */
    private record Pending(long forSlot, long forTime) {
    }

    private String startedMessage(DispatchCampaign campaign, int started, Pending pending) {
        Instant now = clock.instant();
        CallWindow window = campaign.window();
        if (!window.isOpenAt(now)) {
            return "Campaign is running; outside the call window " + describe(window) + " no call starts now; it opens at "
                    + window.nextOpening(now) + ".";
        }
        return "Campaign is running: " + started + " call(s) started now; " + pending.forSlot()
                + " contact(s) wait for a free slot (maxConcurrentCalls " + campaign.maxConcurrentCalls() + ")"
                + (pending.forTime() == 0 ? ""
                        : "; " + pending.forTime() + " wait for their calling hours, a retry or their number's cap"
                                + " (waitReason, nextEligibleAt)")
                + ".";
    }

    private record Skipped(int count, List<String> errors) {
    }

    private Uni<Skipped> skipped(SqlClient tx, UUID campaignId) {
        return members.countByStatus(tx, campaignId, ContactStatus.SKIPPED)
                .flatMap(count -> members.skipped(tx, campaignId, MAX_ERRORS_LISTED).map(list -> {
                    List<String> errors = new ArrayList<>();
                    for (Member m : list) {
                        errors.add("contact " + m.contactId() + " (" + m.toNumber() + ") skipped: " + m.skipReason());
                    }
                    if (count > list.size()) {
                        errors.add((count - list.size()) + " more contacts skipped");
                    }
                    return new Skipped(count.intValue(), errors);
                }));
    }

    /** What a run would start now: the feeder's plan, within the window, the credit and the run limit. */
    private Uni<RunReport> preview(SqlClient tx, DispatchCampaign campaign, Integer limit) {
        Instant now = clock.instant();
        CallWindow window = campaign.window();
        return skipped(tx, campaign.id()).flatMap(skipped -> {
            List<String> errors = new ArrayList<>(skipped.errors());
            if (campaign.fromNumbers().isEmpty()) {
                errors.add("campaign has no caller ID numbers (fromNumberIds): nothing can be dialed");
                return Uni.createFrom().item(new RunReport(List.of(), skipped.count(), errors,
                        "Dry run: no call would start: the campaign has no caller ID numbers.", true));
            }
            if (!window.isOpenAt(now)) {
                Instant opens = window.nextOpening(now);
                errors.add("outside the call window " + describe(window) + "; it opens at " + opens);
                return Uni.createFrom().item(new RunReport(List.of(), skipped.count(), errors,
                        "Dry run: no call would start now: outside the call window; it opens at " + opens + ".", true));
            }
            return feeder.plan(tx, campaign, limit, now, false).map(plan -> {
                List<RunCall> calls = plan.calls().stream().map(call -> new RunCall(null, campaign.id().toString(),
                        call.contact().memberId().toString(), call.contact().contactId().toString(),
                        call.contact().attempts() + 1, call.contact().phone(), call.fromNumber(), "would_start")).toList();
                String message = "Dry run: " + calls.size() + " call(s) would start now (maxConcurrentCalls "
                        + campaign.maxConcurrentCalls() + ", " + plan.inFlight() + " in flight"
                        + (limit == null ? "" : ", limit " + limit) + "); " + skipped.count() + " contact(s) would be skipped.";
                return new RunReport(calls, skipped.count(), errors, message, true);
            });
        });
    }

    private static String describe(CallWindow window) {
        return window.startText() + "–" + window.endText() + " " + window.zone().getId();
    }
}
