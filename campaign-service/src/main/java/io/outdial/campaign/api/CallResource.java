package io.outdial.campaign.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.CallAccess;
import io.outdial.campaign.application.CampaignAudit;
import io.outdial.campaign.application.Refusal;
import io.outdial.campaign.client.CallRecordsClient;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.Ids;
import io.outdial.contract.calls.CallRecord;
import io.outdial.contract.calls.CallRecordPage;
import io.outdial.platform.paging.PageCursor;
import io.smallrye.mutiny.Uni;

/**
 * Call records, served from call-result-service (which owns them) after checking that the
 * caller's team owns the campaigns they belong to: another team's call answers 404. Each gets the
 * callee's local time at its granted attempt from this service's audit.
 */
@Path("/api/crm/calls")
@Tag(name = "Calls")
public class CallResource {

    private static final Set<String> STATUSES = Set.of("queued", "initiated", "ringing", "in_progress", "ended", "skipped");

    private final CurrentTenant tenant;
    private final CallAccess access;
    private final CampaignAudit audit;
    private final CallRecordsClient records;

    public CallResource(CurrentTenant tenant, CallAccess access, CampaignAudit audit, @RestClient CallRecordsClient records) {
        this.tenant = tenant;
        this.access = access;
        this.audit = audit;
        this.records = records;
    }

    @GET
    @Operation(summary = "List calls of the team's campaigns", description = "Filters: campaignId, contactId, status."
            + " localTimeAtCallee is the callee's local date-time with zone when the call was granted. By initiatedAt"
            + " (calls not yet initiated last), then id. Pages by offset, or by cursor: pass a page's nextCursor as"
            + " cursor (without offset) for the next one; nextCursor is null on the last page.")
    public Uni<CallRecordPage> list(@QueryParam("campaignId") String campaignId, @QueryParam("contactId") String contactId,
            @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        if (contactId != null && !Ids.isUuid(contactId)) {
            errors.add(new FieldError("contactId", "must be a contact id"));
        }
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", new java.util.TreeSet<>(STATUSES))));
        }
        var paging = Paging.parse(limit, offset);
        // call-result-service reads the cursor (it issued it); here it is only checked for its form.
        String after = Paging.cursor(cursor, offset, c -> c.length() <= PageCursor.MAX_LENGTH
                && c.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '_')
                ? Optional.of(c) : Optional.empty());
        Validation.throwIfAny(errors);
        String team = tenant.teamId();
        Uni<List<String>> campaigns = campaignId == null ? access.campaignsOf(team)
                : access.owns(team, campaignId).map(owned -> {
                    if (!owned) {
                        throw Refusal.notFound("campaign", campaignId);
                    }
                    return List.of(campaignId);
                });
        return campaigns.flatMap(ids -> ids.isEmpty()
                ? Uni.createFrom().item(new CallRecordPage(List.of(), 0, paging.limit(), paging.offset(), null))
                : records.list(ids, contactId, status, paging.limit(), paging.offset(), after)
                        .onFailure(CallResource::isBadRequest).transform(e -> ApiProblem.invalid("cursor",
                                "is not a cursor of this list"))
                        .onFailure(jakarta.ws.rs.ProcessingException.class).transform(CallResource::unavailable)
                        .flatMap(page -> audit.withLocalTimes(page.calls()).map(calls -> new CallRecordPage(calls,
                                page.total(), page.limit(), page.offset(), page.nextCursor()))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a call")
    public Uni<CallRecord> get(@PathParam("id") String id) {
        Validation.pathId("call", id);
        String team = tenant.teamId();
        return records.get(id)
                .onFailure(WebApplicationException.class).transform(e -> Refusal.notFound("call", id))
                .onFailure(jakarta.ws.rs.ProcessingException.class).transform(CallResource::unavailable)
                .flatMap(call -> access.owns(team, call.campaignId()).map(owned -> {
                    if (!owned) {
                        throw Refusal.notFound("call", id);
                    }
                    return call;
                }))
                .flatMap(call -> audit.withLocalTimes(List.of(call)).map(calls -> calls.get(0)));
    }

    /** call-result-service refuses a list only for a cursor it did not issue: every other value is checked here. */
    private static boolean isBadRequest(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse() != null && e.getResponse().getStatus() == 400;
    }

    private static ApiProblem unavailable(Throwable cause) {
        return new ApiProblem(503, "Service unavailable", "call records cannot be read right now; retry shortly",
                List.of(), java.util.Map.of());
    }
}
