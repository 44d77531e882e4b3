package io.outdial.campaign.api.internal;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.application.CallClaims;
import io.outdial.campaign.domain.Ids;
import io.smallrye.mutiny.Uni;

/**
 * Internal endpoint for dialers: renew the leases of all a dialer's calls in progress in one
 * request, every third of the lease. A call answered {@code lost} must be hung up at once.
 */
@Path("/internal/leases")
@Tag(name = "Internal")
public class LeaseResource {

    public record Lease(String callId, String campaignId) {
    }

    public record Leases(List<Lease> leases) {
    }

    /** {@code result}: {@code renewed} (with the new {@code leaseUntil}) or {@code lost}. */
    public record Renewal(String callId, String result, Instant leaseUntil) {
    }

    public record Renewals(List<Renewal> results, long leaseMillis) {
    }

    private final CallClaims claims;

    public LeaseResource(CallClaims claims) {
        this.claims = claims;
    }

    @POST
    @Operation(summary = "Renew the leases of calls in progress: renewed (with leaseUntil) or lost (hang up)")
    public Uni<Renewals> renew(Leases body) {
        CallBatch.check("leases", body == null ? null : body.leases(), l -> Ids.isUuid(l.callId()), "needs a callId");
        return claims.renew(body.leases().stream().map(Lease::callId).toList())
                .map(renewed -> new Renewals(body.leases().stream().map(l -> {
                    Instant until = renewed.get(Ids.parseOrNull(l.callId()).toString());
                    return new Renewal(l.callId(), until == null ? "lost" : "renewed", until);
                }).toList(), claims.leaseDuration().toMillis()));
    }
}
