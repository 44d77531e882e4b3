package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.DispatchSettings;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.dispatch.DispatchStore.ClaimRequest;
import io.outdial.campaign.dispatch.DispatchStore.Claims;
import io.outdial.campaign.dispatch.LeaseStore;
import io.outdial.campaign.domain.Ids;
import io.smallrye.mutiny.Uni;

/**
 * The authority a dialer asks before it dials: a claim is granted only within the campaign's cap
 * and window, and holds the call for a lease the dialer keeps renewing while the call lasts.
 */
@ApplicationScoped
public class CallClaims {

    private final DispatchStore dispatch;
    private final LeaseStore leases;
    private final DispatchSettings settings;
    private final Clock clock;

    public CallClaims(DispatchStore dispatch, LeaseStore leases, DispatchSettings settings, Clock clock) {
        this.dispatch = dispatch;
        this.leases = leases;
        this.settings = settings;
        this.clock = clock;
    }

    /** Decisions by call id, at most one transaction per campaign, and the lease of each granted call. */
    public Uni<Claims> decide(List<ClaimRequest> requests) {
        return dispatch.claim(requests);
    }

    /** How long a lease lasts without renewal. */
    public Duration leaseDuration() {
        return settings.lease();
    }

    /** Renews the leases of calls still held; answers the new expiry of each renewed call id (the others are lost). */
    public Uni<Map<String, Instant>> renew(List<String> callIds) {
        List<UUID> ids = callIds.stream().map(Ids::parseOrNull).filter(java.util.Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Uni.createFrom().item(Map.of()) : leases.renew(ids, clock.instant());
    }
}
