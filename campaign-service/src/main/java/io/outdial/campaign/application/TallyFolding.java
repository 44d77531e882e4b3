package io.outdial.campaign.application;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.outdial.campaign.persistence.CampaignReads;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the campaign tallies (V10) short: each status change of a campaign adds two rows, which
 * this folds into one per key every {@code outdial.campaigns.tally-fold} (10s). A failed fold is
 * logged; the rows wait for the next one and the sums stay right meanwhile.
 */
@ApplicationScoped
public class TallyFolding {

    private static final Logger LOG = Logger.getLogger(TallyFolding.class);

    private final CampaignReads reads;

    public TallyFolding(CampaignReads reads) {
        this.reads = reads;
    }

    @Scheduled(every = "${outdial.campaigns.tally-fold}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fold() {
        return reads.compactTallies().onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "could not fold the campaign tallies; the next fold will");
            return 0;
        }).replaceWithVoid();
    }
}
