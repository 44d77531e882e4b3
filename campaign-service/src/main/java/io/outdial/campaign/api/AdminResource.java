package io.outdial.campaign.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.outdial.campaign.api.dto.CampaignRequests;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.api.validation.OffsetTimestamp;
import io.outdial.campaign.api.validation.StorableText;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.persistence.ApiKey;
import io.smallrye.mutiny.Uni;

/**
 * Operator path for API keys, guarded by {@code outdial.admin.token} (sent as {@code X-Admin-Token}).
 * Without a configured token the path does not exist. Secrets are shown only when a key is issued
 * (created or rotated); lists show the key's first characters ({@code prefix}).
 */
@Path("/admin/api-keys")
public class AdminResource {

    private static final String AT_MOST = "must be at most {max} characters";

    public record CreateApiKey(
            @NotBlank(message = "is required") @Size(max = 200, message = AT_MOST) String teamId,
            @NotBlank(message = "is required") @Size(max = 200, message = AT_MOST) String accountSlug,
            @Size(max = 200, message = AT_MOST) String name,
            @OffsetTimestamp String expiresAt) {
    }

    /** Both optional: the old key's grace period (default and maximum {@code outdial.api-keys.rotation-grace}), the new key's expiry. */
    public record RotateApiKey(
            @PositiveOrZero(message = "must be at least 0") Long graceSeconds,
            @OffsetTimestamp String expiresAt) {
    }

    public record CreatedApiKey(String id, String key, String teamId, String accountSlug, String name, String prefix,
            Instant createdAt, Instant expiresAt) {
        static CreatedApiKey of(ApiKeyIssuer.IssuedKey issued) {
            ApiKey k = issued.stored();
            return new CreatedApiKey(k.id.toString(), issued.key(), k.teamId, k.accountSlug, k.name, k.keyPrefix, k.createdAt,
                    k.expiresAt);
        }
    }

    /** A key as an operator sees it: never its secret. */
    public record ApiKeyView(String id, String teamId, String accountSlug, String name, String prefix, String status,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String replacedBy) {
        static ApiKeyView of(ApiKey k, ApiKeyIssuer keys) {
            return new ApiKeyView(k.id.toString(), k.teamId, k.accountSlug, k.name, k.keyPrefix, keys.status(k).wire(),
                    k.createdAt, k.expiresAt, k.lastUsedAt, k.revokedAt, k.replacedBy == null ? null : k.replacedBy.toString());
        }
    }

    public record ApiKeyList(List<ApiKeyView> apiKeys, long total, int limit, int offset) {
    }

    /** The new key (its secret shown once, as at creation) and the old one, which works until its expiresAt. */
    public record RotatedApiKey(String id, String key, String teamId, String accountSlug, String name, String prefix,
            Instant createdAt, Instant expiresAt, ApiKeyView previous) {
    }

    private final ApiKeyIssuer keys;

    public AdminResource(ApiKeyIssuer keys) {
        this.keys = keys;
    }

    // AdminTokenFilter has checked the operator token before any body or query is read.

    @POST
    @Operation(summary = "Create an API key for a team; the key is shown only in this response")
    public Uni<Response> create(@Valid CreateApiKey body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        String name = body.name() == null ? "api key" : body.name();
        return keys.issue(body.teamId(), body.accountSlug(), name, CampaignRequests.parseInstant(body.expiresAt()))
                .map(issued -> Response.status(201).entity(CreatedApiKey.of(issued)).build());
    }

    @GET
    @Operation(summary = "List a team's API keys, oldest first, without their secrets")
    public Uni<ApiKeyList> list(
            @QueryParam("teamId") @NotBlank(message = "is required") @StorableText @Size(max = 200, message = AT_MOST) String teamId,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        var paging = Paging.parse(limit, offset);
        return keys.list(teamId, paging).map(page -> new ApiKeyList(
                page.keys().stream().map(k -> ApiKeyView.of(k, keys)).toList(), page.total(), paging.limit(), paging.offset()));
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke an API key: it is refused from now on")
    public Uni<ApiKeyView> revoke(@PathParam("id") String id) {
        var uuid = Validation.pathId("API key", id);
        return keys.revoke(uuid).map(k -> ApiKeyView.of(k, keys));
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(summary = "Issue the successor of an API key; the old key works for a grace period, then is refused")
    public Uni<Response> rotate(@PathParam("id") String id, @Valid RotateApiKey body) {
        var uuid = Validation.pathId("API key", id);
        Long graceSeconds = body == null ? null : body.graceSeconds();
        Instant expiresAt = body == null ? null : CampaignRequests.parseInstant(body.expiresAt());
        return keys.rotate(uuid, graceSeconds, expiresAt).map(rotation -> {
            CreatedApiKey created = CreatedApiKey.of(rotation.successor());
            return Response.status(201).entity(new RotatedApiKey(created.id(), created.key(), created.teamId(),
                    created.accountSlug(), created.name(), created.prefix(), created.createdAt(), created.expiresAt(),
                    ApiKeyView.of(rotation.previous(), keys))).build();
        });
    }
}
