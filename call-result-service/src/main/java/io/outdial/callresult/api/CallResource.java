package io.outdial.callresult.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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

    /** Calls per page of an export, and contacts per talk-time lookup. */
    static final int MAX_BATCH = 1000;
    // PostgreSQL orders uuids by their unsigned bytes: the nil uuid comes first.
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    /**
     * The campaign's calls with an id above {@code after} (none: from the start), by id, up to
     * {@code limit}: an export reads page after page without offsets, so calls added meanwhile
     * neither repeat nor shift rows.
     */
    @GET
    @Path("/export")
    public Uni<List<CallRecord>> export(@QueryParam("campaignId") String campaignId, @QueryParam("after") String after,
            @QueryParam("limit") int limit) {
        UUID campaign = requiredId("campaignId", campaignId);
        UUID from = after == null || after.isEmpty() ? BEFORE_ALL : requiredId("after", after);
        int pageSize = limit <= 0 ? MAX_BATCH : Math.min(limit, MAX_BATCH);
        return Panache.withSession(() -> calls.after(campaign, from, pageSize))
                .map(page -> page.stream().map(Call::record).toList());
    }

    /** Talk time in seconds summed over each given contact's calls in the campaign; every given contact is answered. */
    @POST
    @Path("/talk-seconds")
    public Uni<Map<String, Double>> talkSeconds(@QueryParam("campaignId") String campaignId, List<String> contactIds) {
        UUID campaign = requiredId("campaignId", campaignId);
        if (contactIds == null || contactIds.size() > MAX_BATCH) {
            throw new BadRequestException("send a JSON array of at most " + MAX_BATCH + " contact ids");
        }
        List<UUID> contacts = contactIds.stream().map(id -> requiredId("contactIds", id)).toList();
        return Panache.withSession(() -> calls.talkSeconds(campaign, contacts)).map(sums -> {
            Map<String, Double> out = new LinkedHashMap<>();
            contacts.forEach(id -> out.put(id.toString(), sums.getOrDefault(id, 0.0)));
            return out;
        });
    }

    private static UUID requiredId(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRequestException(name + " must be a UUID");
        }
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
