package io.outdial.campaign.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.outdial.contract.calls.CallRecord;
import io.outdial.contract.calls.CallRecordPage;
import io.outdial.platform.internal.InternalTokenHeaders;
import io.smallrye.mutiny.Uni;

/**
 * call-result-service's internal read API of call records (it owns them), on its management port.
 * A list's {@code cursor} is the {@code nextCursor} it answered; it refuses one it did not issue with 400.
 */
@Path("/internal/calls")
@RegisterRestClient(configKey = "call-result-service")
@RegisterClientHeaders(InternalTokenHeaders.class)
public interface CallRecordsClient {

    @GET
    Uni<CallRecordPage> list(@QueryParam("campaignId") List<String> campaignIds, @QueryParam("contactId") String contactId,
            @QueryParam("status") String status, @QueryParam("limit") int limit, @QueryParam("offset") int offset,
            @QueryParam("cursor") String cursor);

    @GET
    @Path("/{id}")
    Uni<CallRecord> get(@PathParam("id") String id);

    /** The campaign's calls with an id above {@code after} (null: from the first), by id, up to {@code limit}. */
    @GET
    @Path("/export")
    Uni<List<CallRecord>> export(@QueryParam("campaignId") String campaignId, @QueryParam("after") String after,
            @QueryParam("limit") int limit);

    /** Talk seconds over each contact's calls in the campaign, by contact id (at most 1000 ids). */
    @POST
    @Path("/talk-seconds")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Map<String, Double>> talkSeconds(@QueryParam("campaignId") String campaignId, List<String> contactIds);
}
