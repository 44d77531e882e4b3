package io.outdial.callresult.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.outdial.callresult.domain.CallKey;
import io.outdial.callresult.persistence.Call;
import io.outdial.callresult.persistence.CallRepository;
import io.outdial.contract.calls.CallRecord;
import io.outdial.contract.calls.CallRecordPage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Internal read API of call records for campaign-service, which serves them publicly after
 * checking the caller's team owns the campaigns. Not exposed outside the cluster.
 */
@Path("/internal/calls")
public class CallResource {

    private final CallRepository calls;

    public CallResource(CallRepository calls) {
        this.calls = calls;
    }

    /** A page after {@code offset} calls, or after the call {@code cursor} names (a bad cursor answers 400). */
    @GET
    public Uni<CallRecordPage> list(@QueryParam("campaignId") List<String> campaignIds, @QueryParam("contactId") String contactId,
            @QueryParam("status") String status, @QueryParam("limit") int limit, @QueryParam("offset") int offset,
            @QueryParam("cursor") String cursor) {
        if (campaignIds == null || campaignIds.isEmpty()) {
            throw new BadRequestException("campaignId is required");
        }
        CallKey after = cursor == null || cursor.isEmpty() ? null
                : CallKey.parse(cursor).orElseThrow(() -> new BadRequestException("cursor is not a cursor of this list"));
        var filter = new CallRepository.Filter(campaignIds.stream().map(UUID::fromString).toList(),
                contactId == null ? null : UUID.fromString(contactId), status);
        int pageSize = limit <= 0 ? 50 : Math.min(limit, 500);
        int skip = after != null ? 0 : Math.max(0, offset);
        // One call past the page tells whether another follows.
        return Panache.withSession(() -> calls.list(filter, skip, pageSize + 1, after).flatMap(page -> calls.count(filter)
                .map(total -> {
                    boolean more = page.size() > pageSize;
                    List<Call> shown = more ? page.subList(0, pageSize) : page;
                    Call last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
                    return new CallRecordPage(shown.stream().map(Call::record).toList(), total, pageSize, skip,
                            more ? new CallKey(last.initiatedAt, last.id).cursor() : null);
                })));
    }

    @GET
    @Path("/{id}")
    public Uni<CallRecord> get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        return Panache.withSession(() -> calls.findById(uuid)).map(call -> {
            if (call == null) {
                throw new NotFoundException();
            }
            return call.record();
        });
    }
}
