package io.outdial.campaign.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.campaign.api.dto.CampaignViews.RunCall;
import io.outdial.campaign.api.dto.CampaignViews.RunResult;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.Credits;
import io.outdial.campaign.persistence.CampaignContactRepository.Member;
import io.outdial.contract.CallWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** {@code POST /campaigns/{id}/run}: the state change, and the preview of what a run starts now. */
@ApplicationScoped
public class CampaignRunner {

    /** How many skipped contacts a run response names; the count covers all of them. */
    static final int MAX_ERRORS_LISTED = 100;

    @Inject
    Pool pool;

    @Inject
    CampaignRepository campaigns;

    @Inject
    CampaignContactRepository members;

    @Inject
    CampaignStore store;

    @Inject
    io.outdial.campaign.messaging.out.Dispatcher dispatcher;

    @Inject
    Clock clock;

    public Uni<RunResult> run(String teamId, UUID id, Integer limit, boolean dryRun) {
        if (dryRun) {
            return pool.withTransaction(tx -> campaigns.find(tx, teamId, id, false).flatMap(campaign -> {
                if (campaign == null) {
                    return Uni.createFrom().failure(ApiProblem.notFound("campaign", id.toString()));
                }
                if (!campaign.status().canBecome(CampaignStatus.RUNNING) && campaign.status() != CampaignStatus.RUNNING) {
                    return Uni.createFrom().failure(ApiProblem.illegalTransition("campaign", campaign.status().wireName(),
                            CampaignStatus.RUNNING.wireName()));
                }
                return preview(tx, campaign, limit);
            }));
        }
        return store.transition(teamId, id, CampaignStatus.RUNNING, true, limit)
                .flatMap(previous -> dispatcher.release(id))
                .flatMap(released -> pool.withTransaction(tx -> campaigns.find(tx, teamId, id, false)
                        .flatMap(campaign -> members.countByStatus(tx, id, ContactStatus.PENDING)
                                .flatMap(pending -> skippedErrors(tx, campaign).map(skipped -> {
                                    List<RunCall> calls = released.stream().map(c -> new RunCall(c.callId(), c.campaignId(),
                                            c.campaignContactId(), c.contactId(), c.attempt(), c.toNumber(), c.fromNumber(),
                                            "queued")).toList();
                                    // A campaign without caller IDs never gets here: its run is refused (RunReadiness).
                                    List<String> errors = new ArrayList<>(skipped.errors());
                                    return new RunResult(calls.size(), skipped.count(), calls, errors,
                                            startedMessage(campaign, calls.size(), pending), false);
                                })))));
    }

    private String startedMessage(CampaignRecord campaign, int started, long pending) {
        Instant now = clock.instant();
        CallWindow window = campaign.window();
        if (!window.isOpenAt(now)) {
            return "Campaign is running; outside the call window " + describe(window) + " no call starts now; it opens at "
                    + window.nextOpening(now) + ".";
        }
        return "Campaign is running: " + started + " call(s) started now; " + pending
                + " contact(s) wait for a free slot (maxConcurrentCalls " + campaign.maxConcurrentCalls() + ").";
    }

    private record Skipped(int count, List<String> errors) {
    }

    private Uni<Skipped> skippedErrors(io.vertx.mutiny.sqlclient.SqlClient tx, CampaignRecord campaign) {
        return members.countByStatus(tx, campaign.id(), ContactStatus.SKIPPED)
                .flatMap(count -> members.skipped(tx, campaign.id(), MAX_ERRORS_LISTED).map(list -> {
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

    /** What a run would start now: within the window, the credit and the run limit, with caller IDs by rotation. */
    private Uni<RunResult> preview(io.vertx.mutiny.sqlclient.SqlClient tx, CampaignRecord campaign, Integer limit) {
        Instant now = clock.instant();
        CallWindow window = campaign.window();
        return members.inFlight(tx, campaign.id()).flatMap(inFlight -> skippedErrors(tx, campaign).flatMap(skipped -> {
            List<String> errors = new ArrayList<>(skipped.errors());
            if (campaign.fromNumbers().isEmpty()) {
                errors.add("campaign has no caller ID numbers (fromNumberIds): nothing can be dialed");
                return Uni.createFrom().item(new RunResult(0, skipped.count(), List.of(), errors,
                        "Dry run: no call would start: the campaign has no caller ID numbers.", true));
            }
            if (!window.isOpenAt(now)) {
                Instant opens = window.nextOpening(now);
                errors.add("outside the call window " + describe(window) + "; it opens at " + opens);
                return Uni.createFrom().item(new RunResult(0, skipped.count(), List.of(), errors,
                        "Dry run: no call would start now: outside the call window; it opens at " + opens + ".", true));
            }
            int credit = Credits.available(campaign.maxConcurrentCalls(), inFlight, limit);
            return members.dialable(tx, campaign.id(), now, credit).map(candidates -> {
                long newNumbers = candidates.stream().filter(m -> m.fromNumber() == null).count();
                List<String> rotation = Credits.rotate(campaign.fromNumbers(), campaign.nextNumberIndex(), (int) newNumbers);
                List<RunCall> calls = new ArrayList<>();
                int next = 0;
                for (Member m : candidates) {
                    String from = m.fromNumber() != null ? m.fromNumber() : rotation.get(next++);
                    calls.add(new RunCall(null, campaign.id().toString(), m.id().toString(), m.contactId().toString(),
                            m.attempts() + 1, m.toNumber(), from, "would_start"));
                }
                String message = "Dry run: " + calls.size() + " call(s) would start now (maxConcurrentCalls "
                        + campaign.maxConcurrentCalls() + ", " + inFlight + " in flight"
                        + (limit == null ? "" : ", limit " + limit) + "); " + skipped.count() + " contact(s) would be skipped.";
                return new RunResult(calls.size(), skipped.count(), calls, errors, message, true);
            });
        }));
    }

    private static String describe(CallWindow window) {
        return window.startText() + "–" + window.endText() + " " + window.zone().getId();
    }
}
