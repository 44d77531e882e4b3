package io.outdial.campaign.client;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** call-result-service's internal read API of call records (it owns them). */
@Path("/internal/calls")
@RegisterRestClient(configKey = "call-result-service")
public interface CallRecordsClient {

    record Call(String id, String campaignId, String contactId, String campaignContactId, Integer attempt, String fromNumber,
            String toNumber, String status, String outcome, String endReason, Instant queuedAt, Instant initiatedAt,
            Instant answeredAt, Instant endedAt, Double durationSeconds) {
    }

    record CallList(List<Call> calls, long total, int limit, int offset) {
    }

    @GET
    Uni<CallList> list(@QueryParam("campaignId") List<String> campaignIds, @QueryParam("contactId") String contactId,
            @QueryParam("status") String status, @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/{id}")
    Uni<Call> get(@PathParam("id") String id);
}
