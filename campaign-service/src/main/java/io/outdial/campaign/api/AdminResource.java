package io.outdial.campaign.api;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.config.AccessSettings;
import io.outdial.campaign.domain.FieldError;
import io.smallrye.mutiny.Uni;

/**
 * Operator path for API keys, guarded by {@code outdial.admin.token} (sent as {@code X-Admin-Token}).
 * Without a configured token the path does not exist.
 */
@Path("/admin/api-keys")
public class AdminResource {

    public record CreateApiKey(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most {max} characters") String teamId,
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most {max} characters") String accountSlug,
            @Size(max = 200, message = "must be at most {max} characters") String name) {
    }

    public record CreatedApiKey(String id, String key, String teamId, String accountSlug, String name) {
    }

    private final Optional<String> adminToken;
    private final ApiKeyIssuer keys;

    public AdminResource(AccessSettings settings, ApiKeyIssuer keys) {
        this.adminToken = settings.adminToken();
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Create an API key for a team; the key is shown only in this response")
    public Uni<Response> create(@HeaderParam("X-Admin-Token") String token, @Valid CreateApiKey body) {
        if (adminToken.isEmpty() || adminToken.get().isBlank()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(), adminToken.get().getBytes())) {
            throw ApiProblem.unauthorized("send the operator token as X-Admin-Token");
        }
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        String name = body.name() == null ? "api key" : body.name();
        return keys.issue(body.teamId(), body.accountSlug(), name)
                .map(issued -> Response.status(201).entity(new CreatedApiKey(issued.id().toString(), issued.key(),
                        body.teamId(), body.accountSlug(), name)).build());
    }
}
