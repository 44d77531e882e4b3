package io.outdial.campaign.application;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.dispatch.DispatchStore.ClaimRequest;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.domain.ClaimDecision;
import io.smallrye.mutiny.Uni;

/** The authority a dialer asks before it dials: a claim is granted only within the campaign's cap and window. */
@ApplicationScoped
public class CallClaims {

    private final DispatchStore dispatch;

    public CallClaims(DispatchStore dispatch) {
        this.dispatch = dispatch;
    }

    /** Decisions by call id, at most one transaction per campaign. */
    public Uni<Map<String, ClaimDecision>> decide(List<ClaimRequest> requests) {
        return dispatch.claim(requests);
    }
}
