package io.outdial.dialer.client;

import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** campaign-service's internal claim endpoint: a call is dialed only when its claim is granted. */
@Path("/internal/claims")
@RegisterRestClient(configKey = "campaign-service")
public interface ClaimClient {

    record Claim(String callId, String campaignId) {
    }

    record Claims(List<Claim> claims) {
    }

    record Result(String callId, String result) {
    }

    record Results(List<Result> results) {
    }

    @POST
    Uni<Results> claim(Claims claims);
}
