package io.outdial.campaign.application;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.persistence.CampaignRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Which campaigns' call records a team may read (call-result-service owns the records). */
@ApplicationScoped
public class CallAccess {

    /** The campaigns a call list without a campaign filter covers: the team's newest. */
    static final int MAX_CAMPAIGNS = 1000;

    private final CampaignRepository campaigns;

    public CallAccess(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    public Uni<Boolean> owns(String teamId, String campaignId) {
        UUID id = Ids.parseOrNull(campaignId);
        if (id == null) {
            return Uni.createFrom().item(false);
        }
        return Panache.withSession(() -> campaigns.isOwnedBy(teamId, id));
    }

    public Uni<List<String>> campaignsOf(String teamId) {
        return Panache.withSession(() -> campaigns.newestIds(teamId, MAX_CAMPAIGNS))
                .map(ids -> ids.stream().map(UUID::toString).toList());
    }
}
