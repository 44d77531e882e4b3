package io.outdial.campaign.api;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.application.CampaignWatch;
import io.outdial.campaign.application.CampaignWatch.Progress;
import io.outdial.campaign.application.CampaignWatch.StatusChange;
import io.outdial.campaign.domain.ProgressSnapshot;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/** A campaign's live progress and status changes as Server-Sent Events, for dashboards. */
@Path("/api/crm/campaigns")
@Tag(name = "Campaigns")
public class CampaignEventsResource {

    /** The {@code progress} event's data. */
    public record ProgressEvent(String campaignId, String status, String pauseReason, long totalContacts,
            long contactsCalled, long contactsCompleted, long contactsAnswered, long callsInProgress, int maxConcurrentCalls,
            boolean deleted, Instant at) {
    }

    /** The {@code status} event's data. */
    public record StatusEvent(String campaignId, String status, String previousStatus, String pauseReason, Instant at) {
    }

    private final CurrentTenant tenant;
    private final CampaignWatch watch;
    private final Clock clock;

    public CampaignEventsResource(CurrentTenant tenant, CampaignWatch watch, Clock clock) {
        this.tenant = tenant;
        this.watch = watch;
        this.clock = clock;
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(operationId = "streamCampaignEvents", summary = "Follow a campaign live (Server-Sent Events)",
            description = "text/event-stream. On connect an event 'progress' with the campaign's status and counters"
                    + " (totalContacts, contactsCalled, contactsCompleted, contactsAnswered, callsInProgress against"
                    + " maxConcurrentCalls), then 'progress' again whenever one of them changes (read at most once a"
                    + " second) and 'status' {status, previousStatus, pauseReason} on every status change; a comment"
                    + " line every 15 s keeps idle connections open. The stream ends after the event showing the"
                    + " campaign completed, cancelled or deleted (an EventSource should close then, as browsers"
                    + " reconnect otherwise). Browsers' EventSource cannot send headers, so this endpoint alone also"
                    + " takes the API key as the query parameter access_token (when no Authorization header is sent);"
                    + " URLs end up in logs, so prefer the header where you can.")
    @APIResponse(responseCode = "200", description = "The event stream: 'progress' and 'status' events with JSON data",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    example = "event: progress\ndata: {\"campaignId\":\"...\",\"status\":\"running\",\"totalContacts\":120,"
                            + "\"contactsCalled\":40,\"contactsCompleted\":31,\"contactsAnswered\":22,\"callsInProgress\":3,"
                            + "\"maxConcurrentCalls\":3,\"pauseReason\":null,\"deleted\":false,\"at\":\"2026-11-30T14:15:00Z\"}\n\n")))
    public Multi<OutboundSseEvent> events(@PathParam("id") String id,
            @Parameter(description = "The API key, for clients that cannot send an Authorization header (EventSource)")
            @QueryParam("access_token") String accessToken,
            @Context Sse sse) {
        UUID campaign = Validation.pathId("campaign", id);
        CampaignWatch.Opening opening = watch.open(tenant.teamId(), campaign);
        return watch.follow(opening).map(update -> event(sse, update));
    }

    private OutboundSseEvent event(Sse sse, CampaignWatch.Update update) {
        if (update instanceof Progress p) {
            return sse.newEventBuilder().name("progress").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(ProgressEvent.class, progress(p.snapshot())).build();
        }
        if (update instanceof StatusChange s) {
            return sse.newEventBuilder().name("status").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(StatusEvent.class, new StatusEvent(s.snapshot().campaignId().toString(), s.snapshot().status(),
                            s.previousStatus(), s.snapshot().pauseReason(), clock.instant())).build();
        }
        return sse.newEventBuilder().comment("heartbeat").build();
    }

    private ProgressEvent progress(ProgressSnapshot s) {
        return new ProgressEvent(s.campaignId().toString(), s.status(), s.pauseReason(), s.totalContacts(),
                s.contactsCalled(), s.contactsCompleted(), s.contactsAnswered(), s.callsInProgress(),
                s.maxConcurrentCalls(), s.gone(), clock.instant());
    }
}
