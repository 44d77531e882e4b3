package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.domain.CampaignField;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.domain.RunReadiness;
import io.outdial.campaign.persistence.Campaign;
import io.outdial.campaign.persistence.CampaignReads;
import io.outdial.campaign.persistence.CampaignRepository;
import io.outdial.campaign.persistence.EntityOutbox;
import io.outdial.campaign.persistence.PhoneNumber;
import io.outdial.campaign.persistence.PhoneNumberRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A campaign's life: creation, configuration changes, status changes by its state machine, and
 * soft deletion. Each change is one transaction on the locked campaign row, and the event that
 * tells dialers goes to the outbox in that same transaction.
 */
@ApplicationScoped
public class CampaignLifecycle {

    private final CampaignRepository campaigns;
    private final PhoneNumberRepository numbers;
    private final EntityOutbox outbox;
    private final Feeder feeder;
    private final Clock clock;
    private final DispatchStore dispatch;
    private final Pool pool;
    private final CampaignReads reads;

    public CampaignLifecycle(CampaignRepository campaigns, PhoneNumberRepository numbers, EntityOutbox outbox, Feeder feeder,
            Clock clock, DispatchStore dispatch, Pool pool, CampaignReads reads) {
        this.campaigns = campaigns;
        this.numbers = numbers;
        this.outbox = outbox;
        this.feeder = feeder;
        this.clock = clock;
        this.dispatch = dispatch;
        this.pool = pool;
        this.reads = reads;
    }

    /**
     * A configuration change: the fields it touches, how it applies (checking its values first), and
     * the caller IDs it sets (null = unchanged), read once it applied.
     */
    public record Edit(List<CampaignField> fields, Supplier<List<UUID>> fromNumberIds, Consumer<Campaign> apply) {
    }

    /** The team's campaign as it is now, for reading. */
    public Uni<Campaign> get(String teamId, UUID id) {
        return reads.findLive(teamId, id).onItem().ifNull().failWith(() -> Refusal.notFound("campaign", id.toString()));
    }

    /** One page of campaigns and the total the filter matches. */
    public Uni<CampaignReads.Page> list(CampaignReads.Filter filter, PageRequest page) {
        return reads.list(filter, page);
    }

    /**
     * When the next call of each running campaign can start, for those whose remaining contacts all
     * wait (DESIGN 4b); a campaign with a contact ready, or none waiting for a time, has no entry.
     */
    public Uni<Map<UUID, Instant>> nextCallTimes(List<Campaign> campaigns) {
        List<UUID> running = campaigns.stream().filter(c -> c.status == CampaignStatus.RUNNING).map(c -> c.id).toList();
        return running.isEmpty() ? Uni.createFrom().item(Map.of()) : dispatch.nextCallTimes(pool, running);
    }

    /** Stores a new campaign whose caller IDs must all be the team's. */
    public Uni<Campaign> create(Campaign campaign, List<UUID> fromNumberIds) {
        return Panache.withTransaction(() -> ownedNumbers(campaign.teamId, fromNumberIds).flatMap(owned -> {
            campaign.callerIds = owned;
            return campaigns.persist(campaign);
        }));
    }

    /** Applies an edit if the campaign's status allows a change of every field it touches. */
    public Uni<Campaign> edit(String teamId, UUID id, Edit edit) {
        return Panache.withTransaction(() -> locked(teamId, id).flatMap(campaign -> {
            List<FieldError> notNow = new ArrayList<>();
            for (CampaignField f : edit.fields()) {
                if (!campaign.status.allowsChangeOf(f)) {
                    notNow.add(new FieldError(f.apiName(), "cannot change while the campaign is " + campaign.status.wireName()));
                }
            }
            if (!notNow.isEmpty()) {
                throw Refusal.conflict("the campaign is " + campaign.status.wireName() + " and these fields cannot change now",
                        notNow, campaign.status.wireName());
            }
            var before = campaign.dialing();
            var callTimeRulesBefore = campaign.callTimeRules();
            edit.apply().accept(campaign);
            List<UUID> numberIds = edit.fromNumberIds().get();
            Uni<Void> callerIds = numberIds == null || numberIds.equals(campaign.fromNumberIds())
                    ? Uni.createFrom().voidItem()
                    : ownedNumbers(teamId, numberIds).invoke(owned -> campaign.callerIds = owned).replaceWithVoid();
            Uni<Void> waits = campaign.callTimeRules().equals(callTimeRulesBefore) ? Uni.createFrom().voidItem()
                    : campaigns.reopenWaiting(id).replaceWithVoid();
            return callerIds.flatMap(ok -> waits).flatMap(ok -> {
                campaign.updatedAt = clock.instant();
                // Dialers keep a snapshot of the cap and window: tell them.
                return campaign.dialing().equals(before) ? Uni.createFrom().voidItem()
                        : outbox.append(campaign.dialing().statusChanged(campaign.status.wireName(), clock.instant()));
            }).replaceWith(campaign);
        }));
    }

    /**
     * Moves a campaign to {@code target} if its state machine allows it, then releases dial
     * commands when it is running. The same status is a no-op (pause twice, cancel twice).
     */
    public Uni<Campaign> move(String teamId, UUID id, CampaignStatus target) {
        return transition(teamId, id, target, false, null).flatMap(previous -> afterMove(id, target))
                .flatMap(ok -> get(teamId, id));
    }

    /** Resumes a paused campaign; a running one stays running. Only these two may resume (a draft is run, not resumed). */
    public Uni<Campaign> resume(String teamId, UUID id) {
        return get(teamId, id).flatMap(campaign -> {
            if (campaign.status != CampaignStatus.PAUSED && campaign.status != CampaignStatus.RUNNING) {
                throw Refusal.illegalTransition("campaign", campaign.status.wireName(), CampaignStatus.RUNNING.wireName());
            }
            return move(teamId, id, CampaignStatus.RUNNING);
        });
    }

    /**
     * The status change itself, one transaction; emits the status it left. {@code newRun} starts a
     * run with budget {@code runLimit} (null = none); a campaign that could dial nobody is refused.
     */
    public Uni<CampaignStatus> transition(String teamId, UUID id, CampaignStatus target, boolean newRun, Integer runLimit) {
        return Panache.withTransaction(() -> locked(teamId, id).flatMap(campaign -> {
            CampaignStatus from = campaign.status;
            if (from == target && !newRun) {
                return Uni.createFrom().item(from);
            }
            if (from != target && !from.canBecome(target)) {
                throw Refusal.illegalTransition("campaign", from.wireName(), target.wireName());
            }
            if (newRun) {
                RunReadiness.check(campaign.callerIds.size(), campaign.totalContacts).ifPresent(missing -> {
                    throw Refusal.conflict(missing.reason(), List.of(new FieldError(missing.field(), missing.reason())),
                            from.wireName());
                });
            }
            Instant now = clock.instant();
            Uni<Integer> cancelled = target == CampaignStatus.CANCELLED ? campaigns.cancelUndialed(id) : Uni.createFrom().item(0);
            return cancelled.flatMap(n -> {
                apply(campaign, target, now, newRun, runLimit);
                return from == target ? Uni.createFrom().voidItem()
                        : outbox.append(campaign.dialing().statusChanged(from.wireName(), now));
            }).replaceWith(from);
        }));
    }

    /** Stamps {@code started_at} on the first run and {@code completed_at} on completion. */
    private static void apply(Campaign campaign, CampaignStatus target, Instant now, boolean newRun, Integer runLimit) {
        if (target == CampaignStatus.RUNNING) {
            if (campaign.startedAt == null) {
                campaign.startedAt = now;
            }
            campaign.completedAt = null;
            campaign.configErrorStreak = 0;
        } else if (target == CampaignStatus.COMPLETED) {
            campaign.completedAt = now;
        }
        if (newRun) {
            campaign.runCallsLeft = runLimit;
        }
        campaign.status = target;
        campaign.pauseReason = null;
        campaign.updatedAt = now;
    }

    private Uni<Void> afterMove(UUID id, CampaignStatus target) {
        return target == CampaignStatus.RUNNING ? feeder.release(id).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    public Uni<Void> softDelete(String teamId, UUID id) {
        return Panache.withTransaction(() -> locked(teamId, id).invoke(campaign -> {
            if (!campaign.status.isDeletable()) {
                throw Refusal.conflict("a " + campaign.status.wireName()
                        + " campaign cannot be deleted; only draft, completed or cancelled ones can");
            }
            campaign.deletedAt = clock.instant();
            campaign.updatedAt = campaign.deletedAt;
        })).replaceWithVoid();
    }

    private Uni<Campaign> locked(String teamId, UUID id) {
        return campaigns.findLiveForUpdate(teamId, id)
                .onItem().ifNull().failWith(() -> Refusal.notFound("campaign", id.toString()));
    }

    /** The team's numbers in the given order; errors name each array element that is not the team's. */
    private Uni<List<PhoneNumber>> ownedNumbers(String teamId, List<UUID> ids) {
        return numbers.findAll(teamId, ids).map(found -> {
            Map<UUID, PhoneNumber> byId = new HashMap<>();
            found.forEach(n -> byId.put(n.id, n));
            List<FieldError> errors = new ArrayList<>();
            List<PhoneNumber> ordered = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                PhoneNumber n = byId.get(ids.get(i));
                if (n == null) {
                    errors.add(new FieldError("fromNumberIds[" + i + "]", "is not a phone number of this team"));
                } else {
                    ordered.add(n);
                }
            }
            if (!errors.isEmpty()) {
                throw Refusal.invalid(errors);
            }
            return ordered;
        });
    }
}
