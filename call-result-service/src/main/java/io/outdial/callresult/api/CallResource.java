package io.outdial.callresult.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.outdial.contract.calls.CallRecord;
import io.outdial.contract.calls.CallRecordPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Internal read API of call records for campaign-service, which serves them publicly after
 * checking the caller's team owns the campaigns. Not exposed outside the cluster.
 */
@Path("/internal/calls")
public class CallResource {

    private static CallRecord call(Row r) {
        return new CallRecord(r.getUUID("id").toString(), r.getUUID("campaign_id").toString(), id(r, "contact_id"),
                id(r, "campaign_contact_id"), r.getInteger("attempt"), r.getString("from_number"), r.getString("to_number"),
                r.getString("status"), r.getString("outcome"), r.getString("end_reason"), null, time(r, "initiated_at"),
                time(r, "answered_at"), time(r, "ended_at"), r.getDouble("talk_seconds"), r.getInteger("sip_status"));
    }

    private static String id(Row r, String column) {
        UUID id = r.getUUID(column);
        return id == null ? null : id.toString();
    }

    private static Instant time(Row r, String column) {
        var t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    @Inject
    Pool pool;

    @GET
    public Uni<CallRecordPage> list(@QueryParam("campaignId") List<String> campaignIds, @QueryParam("contactId") String contactId,
            @QueryParam("status") String status, @QueryParam("limit") int limit, @QueryParam("offset") int offset) {
        if (campaignIds == null || campaignIds.isEmpty()) {
            throw new BadRequestException("campaignId is required");
        }
        UUID[] campaigns = campaignIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        UUID contact = contactId == null ? null : UUID.fromString(contactId);
        int pageSize = limit <= 0 ? 50 : Math.min(limit, 500);
        String where = " WHERE campaign_id = ANY($1) AND ($2::uuid IS NULL OR contact_id = $2) AND ($3::text IS NULL OR status = $3)";
        return pool.preparedQuery("SELECT * FROM calls" + where + " ORDER BY initiated_at NULLS LAST, id LIMIT $4 OFFSET $5")
                .execute(Tuple.of(campaigns, contact, status, pageSize, Math.max(0, offset)))
                .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM calls" + where)
                        .execute(Tuple.of(campaigns, contact, status)).map(count -> {
                            List<CallRecord> calls = new ArrayList<>();
                            rows.forEach(r -> calls.add(call(r)));
                            return new CallRecordPage(calls, count.iterator().next().getLong(0), pageSize, Math.max(0, offset));
                        }));
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
        return pool.preparedQuery("SELECT * FROM calls WHERE id = $1").execute(Tuple.of(uuid)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException();
            }
            return call(rows.iterator().next());
        });
    }
}
