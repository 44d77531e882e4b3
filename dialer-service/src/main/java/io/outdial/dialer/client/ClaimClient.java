package io.outdial.dialer.client;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.outdial.platform.internal.InternalTokenHeaders;
import io.smallrye.mutiny.Uni;

/**
 * campaign-service's internal claim and lease endpoints, on its management port: a call is dialed
 * only when its claim is granted, and kept only while its lease is renewed.
 */
@Path("/internal")
@RegisterRestClient(configKey = "campaign-service")
@RegisterClientHeaders(InternalTokenHeaders.class)
public interface ClaimClient {

    record Claim(String callId, String campaignId) {
    }

    record Claims(List<Claim> claims) {
    }

    /** {@code leaseUntil}: set when granted. */
    record Result(String callId, String result, Instant leaseUntil) {
    }

    /** {@code leaseMillis}: how long a granted lease lasts without renewal. */
    record Results(List<Result> results, long leaseMillis) {
    }

    record Leases(List<Claim> leases) {
    }

    /** {@code result}: renewed or lost. */
    record Renewal(String callId, String result, Instant leaseUntil) {
    }

    record Renewals(List<Renewal> results, long leaseMillis) {
    }

    @POST
    @Path("/claims")
    Uni<Results> claim(Claims claims);

    @POST
    @Path("/leases")
    Uni<Renewals> renew(Leases leases);
}
