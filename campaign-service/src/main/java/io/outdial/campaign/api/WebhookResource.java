package io.outdial.campaign.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.webhooks.WebhookWorker;
import io.outdial.campaign.application.webhooks.Webhooks;
import io.outdial.campaign.persistence.webhooks.WebhookDeliveryStore;
import io.outdial.campaign.persistence.webhooks.WebhookEndpoint;
import io.smallrye.mutiny.Uni;

/** The team's webhook endpoints: events posted to its URLs, signed per the Standard Webhooks specification. */
@Path("/api/crm/webhooks")
@Tag(name = "Webhooks")
public class WebhookResource {

    /** {@code events}: any of call.ended, contact.settled, campaign.status_changed, campaign.completed. */
    public record CreateWebhook(String url, List<String> events, String description) {
    }

    /** Fields left out stay as they are; {@code enabled: true} also clears {@code disabledReason}. */
    public record ChangeWebhook(String url, List<String> events, String description, Boolean enabled) {
    }

    public record Webhook(String id, String url, List<String> events, String description, boolean enabled,
            String disabledReason, Instant createdAt, Instant updatedAt) {
        static Webhook of(WebhookEndpoint e) {
            return new Webhook(e.id().toString(), e.url(), e.events(), e.description(), e.enabled(), e.disabledReason(),
                    e.createdAt(), e.updatedAt());
        }
    }

    /** A new endpoint with its signing secret, which is shown this once. */
    public record CreatedWebhook(String id, String url, List<String> events, String description, boolean enabled,
            String disabledReason, Instant createdAt, Instant updatedAt, String secret) {
        static CreatedWebhook of(WebhookEndpoint e) {
            return new CreatedWebhook(e.id().toString(), e.url(), e.events(), e.description(), e.enabled(), e.disabledReason(),
                    e.createdAt(), e.updatedAt(), e.secret());
        }
    }

    public record WebhookList(List<Webhook> webhooks) {
    }

    /** One attempt: an HTTP status, or the error when there was no answer (refused target, timeout, connection). */
    public record Attempt(int attempt, Instant attemptedAt, Integer httpStatus, String error, long durationMs,
            Instant nextAttemptAt) {
        static Attempt of(WebhookDeliveryStore.Attempt a) {
            return new Attempt(a.attempt(), a.attemptedAt(), a.httpStatus(), a.error(), a.durationMillis(), a.nextAttemptAt());
        }
    }

    /** One event for one endpoint; {@code webhookId} is its {@code webhook-id} header, the same on every attempt. */
    public record Delivery(String id, String webhookId, String eventId, String eventType, String state, int attemptCount,
            Instant nextAttemptAt, Instant createdAt, List<Attempt> attempts) {
        static Delivery of(WebhookDeliveryStore.Delivery d) {
            return new Delivery(d.id().toString(), WebhookWorker.messageId(d.id()), d.eventId(), d.eventType(), d.state(),
                    d.attempts(), d.nextAttemptAt(), d.createdAt(), d.attemptList().stream().map(Attempt::of).toList());
        }
    }

    public record DeliveryList(List<Delivery> deliveries, long total, int limit, int offset) {
    }

    private final CurrentTenant tenant;
    private final Webhooks webhooks;

    public WebhookResource(CurrentTenant tenant, Webhooks webhooks) {
        this.tenant = tenant;
        this.webhooks = webhooks;
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the team's webhook endpoints",
            description = "Oldest first. A disabled endpoint says why in disabledReason (null when disabled by hand).")
    public Uni<WebhookList> list() {
        return webhooks.list(tenant.teamId()).map(all -> new WebhookList(all.stream().map(Webhook::of).toList()));
    }

    @POST
    @Operation(operationId = "createWebhook", summary = "Register a webhook endpoint", description = "url must be https"
            + " and resolve to public addresses only; events lists what to send (call.ended, contact.settled,"
            + " campaign.status_changed, campaign.completed). 201 with the signing secret (whsec_...), shown only here.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreatedWebhook.class)))
    public Uni<Response> create(CreateWebhook body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        return webhooks.register(tenant.teamId(), body.url(), body.events(), body.description())
                .map(created -> Response.status(201).entity(CreatedWebhook.of(created)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "A webhook endpoint")
    public Uni<Webhook> get(@PathParam("id") String id) {
        return webhooks.get(tenant.teamId(), webhookId(id)).map(Webhook::of);
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateWebhook", summary = "Change a webhook endpoint", description = "url, events,"
            + " description, enabled; fields left out stay as they are. Enabling an endpoint that was disabled after"
            + " failing resumes its pending deliveries.")
    public Uni<Webhook> update(@PathParam("id") String id, ChangeWebhook body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        return webhooks.change(tenant.teamId(), webhookId(id),
                new Webhooks.Change(body.url(), body.events(), body.description(), body.enabled())).map(Webhook::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook endpoint", description = "With its deliveries.")
    public Uni<Response> delete(@PathParam("id") String id) {
        return webhooks.delete(tenant.teamId(), webhookId(id)).map(ok -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's deliveries and every attempt of each",
            description = "Newest first. state is pending (nextAttemptAt says when), delivered or failed (retries given up).")
    public Uni<DeliveryList> deliveries(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        var paging = Paging.parse(limit, offset);
        return webhooks.deliveries(tenant.teamId(), webhookId(id), paging).map(page -> new DeliveryList(
                page.deliveries().stream().map(Delivery::of).toList(), page.total(), paging.limit(), paging.offset()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayWebhookDelivery", summary = "Send a delivery again now",
            description = "Queues a fresh attempt of the same message (same webhook-id, new timestamp and signature),"
                    + " whatever its state. 202; 409 when the endpoint is disabled.")
    public Uni<Response> replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        UUID webhook = webhookId(id);
        UUID delivery = Validation.pathId("delivery", deliveryId);
        return webhooks.replay(tenant.teamId(), webhook, delivery).map(ok -> Response.accepted().build());
    }

    private static UUID webhookId(String id) {
        return Validation.pathId("webhook", id);
    }
}
