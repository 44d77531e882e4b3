package io.outdial.campaign.api.internal;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.application.CallClaims;
import io.outdial.campaign.dispatch.DispatchStore.ClaimRequest;
import io.smallrye.mutiny.Uni;

/**
 * Internal endpoint for dialers (not under {@code /api}; reachable only inside the cluster):
 * claim a batch of calls before dialing them. A call is placed only when its claim is granted.
 */
@Path("/internal/claims")
@Tag(name = "Internal")
public class ClaimResource {

    public record Claims(List<ClaimRequest> claims) {
    }

    /** {@code leaseUntil}: when a granted call's lease runs out unless renewed (null when not granted). */
    public record ClaimResult(String callId, String result, Instant leaseUntil) {
    }

    /** {@code leaseMillis}: how long a lease lasts without renewal, for the dialer's own monotonic clock. */
    public record ClaimResults(List<ClaimResult> results, long leaseMillis) {
    }

    private final CallClaims claims;

    public ClaimResource(CallClaims claims) {
        this.claims = claims;
    }

    @POST
    @Operation(summary = "Claim calls before dialing: granted, already_claimed, not_current, campaign_not_running, window_closed or at_capacity")
    public Uni<ClaimResults> claim(Claims body) {
        CallBatch.check("claims", body == null ? null : body.claims(), c -> c.callId() != null && c.campaignId() != null,
                "needs callId and campaignId");
        return claims.decide(body.claims()).map(decided -> new ClaimResults(body.claims().stream()
                .map(c -> new ClaimResult(c.callId(), decided.decisions().get(c.callId()).wireName(), decided.leases().get(c.callId())))
                .toList(), claims.leaseDuration().toMillis()));
    }
}
