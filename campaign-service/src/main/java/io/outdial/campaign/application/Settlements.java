package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.outdial.campaign.dispatch.SettlementStore;
import io.outdial.campaign.domain.CampaignDialing;
import io.outdial.campaign.domain.CampaignLimits;
import io.outdial.campaign.domain.ConfigErrorStreak;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CampaignProgress;
import io.outdial.contract.events.ContactSettled;
import io.outdial.platform.EventBatch;
import io.outdial.platform.inbox.ProcessedEvents;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Applies contact outcomes: the contact leaves {@code queued}/{@code calling} (freeing its credit)
 * for pending (retry or released) or its final status. A settlement for a call id that is no
 * longer the contact's current one changes nothing; an event id is applied once, ever. Also
 * applies the counter snapshots call-result-service publishes.
 */
@ApplicationScoped
public class Settlements {

    private static final Logger LOG = Logger.getLogger(Settlements.class);

    private final Pool pool;
    private final SettlementStore store;
    private final ProcessedEvents processed;
    private final OutboxWriter outbox;
    private final Feeder feeder;
    private final Clock clock;

    public Settlements(Pool pool, SettlementStore store, ProcessedEvents processed, OutboxWriter outbox, Feeder feeder,
            Clock clock) {
        this.pool = pool;
        this.store = store;
        this.processed = processed;
        this.outbox = outbox;
        this.feeder = feeder;
        this.clock = clock;
    }

    /** How many campaigns are released at once after a batch of settlements: the rest of the pool stays for claims and the API. */
    static final int RELEASES_AT_ONCE = 4;

    /**
     * A batch of outcomes in one transaction, then one release per campaign touched: a batch costs
     * two commits and a few statements however large it is. A batch that fails is retried, then
     * applied record by record so that only a record that cannot be applied is dead-lettered.
     */
    public Uni<Void> apply(EventBatch batch) {
        Set<UUID> campaigns = new LinkedHashSet<>();
        batch.envelopes().forEach(e -> campaigns.add(UUID.fromString(e.event().campaignId())));
        return pool.withTransaction(tx -> applyIn(tx, batch.envelopes()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d contact outcomes failed (%s): applying them one by one", batch.envelopes().size(), failure);
                    return batch.oneByOne(e -> pool.withTransaction(tx -> applyIn(tx, List.of(e))));
                })
                // Credits may have come back: release the next commands at once rather than at the next tick.
                // Each release locks only its own campaign, so a few run side by side.
                .call(() -> Multi.createFrom().iterable(campaigns)
                        .onItem().transformToUni(campaign -> feeder.release(campaign).onFailure().recoverWithNull())
                        .merge(RELEASES_AT_ONCE)
                        .collect().last());
    }

    /** Applies the outcomes whose events were not applied before; then each campaign's streak and completion. */
    private Uni<Void> applyIn(SqlClient tx, List<EventEnvelope> envelopes) {
        List<String> ids = envelopes.stream().map(EventEnvelope::id).toList();
        return processed.firstTimes(tx, ids).flatMap(fresh -> {
            List<ContactSettled> firstSeen = new ArrayList<>();
            Set<UUID> campaigns = new LinkedHashSet<>();
            for (EventEnvelope envelope : envelopes) {
                if (fresh.remove(envelope.id())) {
                    ContactSettled s = (ContactSettled) envelope.event();
                    firstSeen.add(s);
                    campaigns.add(UUID.fromString(s.campaignId()));
                }
            }
            return store.settleAll(tx, firstSeen).flatMap(moved -> {
                // The outcomes of applied attempts, in order, for each campaign's config-error streak.
                Map<UUID, List<CallOutcome>> applied = new HashMap<>();
                for (int position : moved) {
                    ContactSettled s = firstSeen.get(position);
                    if (s.outcome() != null && s.settlement() != ContactSettled.Settlement.RELEASED) {
                        applied.computeIfAbsent(UUID.fromString(s.campaignId()), c -> new ArrayList<>()).add(s.outcome());
                    }
                }
                return Multi.createFrom().iterable(campaigns)
                        .onItem().transformToUniAndConcatenate(campaign -> afterSettlements(tx, campaign,
                                applied.getOrDefault(campaign, List.of())))
                        .collect().last().replaceWithVoid();
            });
        });
    }

    private Uni<Void> afterSettlements(SqlClient tx, UUID campaign, List<CallOutcome> attempts) {
        return followStreak(tx, campaign, attempts)
                .flatMap(ok -> store.completeIfAllTerminal(tx, campaign))
                .flatMap(completed -> announce(tx, completed));
    }

    /** Counts config_error outcomes in a row; at the limit a running campaign pauses until a person resumes it. */
    private Uni<Void> followStreak(SqlClient tx, UUID campaign, List<CallOutcome> attempts) {
        ConfigErrorStreak.Change change = ConfigErrorStreak.of(attempts);
        if (change.changesNothing()) {
            return Uni.createFrom().voidItem();
        }
        return store.changeStreak(tx, campaign, change).flatMap(streak -> {
            if (streak == null || !ConfigErrorStreak.pauses(streak)) {
                return Uni.createFrom().voidItem();
            }
            return store.pauseRunning(tx, campaign, "config_error_streak").flatMap(paused -> {
                if (paused != null) {
                    LOG.warnf("campaign %s paused: %d config_error outcomes in a row", campaign,
                            CampaignLimits.CONFIG_ERROR_STREAK_PAUSE);
                }
                return announce(tx, paused);
            });
        });
    }

    /** The event of a running campaign's status change, when there was one. */
    private Uni<Void> announce(SqlClient tx, CampaignDialing changed) {
        return changed == null ? Uni.createFrom().voidItem() : outbox.append(tx, changed.statusChanged("running", clock.instant()));
    }

    /** Applies a counter snapshot; a redelivered or older snapshot is a no-op without a dedup table. */
    public Uni<Void> progress(CampaignProgress p) {
        return store.applyProgress(pool, UUID.fromString(p.campaignId()), p.contactsCalled(), p.contactsCompleted(),
                p.contactsAnswered(), p.version());
    }
}
