package io.outdial.campaign.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.ApiKeyIssuer;
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

    private final ApiKeyIssuer keys;

    public AdminResource(ApiKeyIssuer keys) {
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Create an API key for a team; the key is shown only in this response")
    public Uni<Response> create(@Valid CreateApiKey body) {
        // AdminTokenFilter has checked the operator token before the body is read.
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        String name = body.name() == null ? "api key" : body.name();
        return keys.issue(body.teamId(), body.accountSlug(), name)
                .map(issued -> Response.status(201).entity(new CreatedApiKey(issued.id().toString(), issued.key(),
                        body.teamId(), body.accountSlug(), name)).build());
    }
}
