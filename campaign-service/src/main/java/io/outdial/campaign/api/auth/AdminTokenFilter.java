package io.outdial.campaign.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.config.AccessSettings;

/**
 * Guards {@code /admin} with {@code outdial.admin.token} (sent as {@code X-Admin-Token}) before the
 * body is validated, so that a caller without the token learns nothing from validation errors.
 * Without a configured token the path does not exist.
 */
public class AdminTokenFilter {

    private final Optional<String> adminToken;

    public AdminTokenFilter(AccessSettings settings) {
        this.adminToken = settings.adminToken();
    }

    @ServerRequestFilter(nonBlocking = true)
    public void authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin/")) {
            return;
        }
        if (adminToken.isEmpty() || adminToken.get().isBlank()) {
            throw new NotFoundException();
        }
        String token = request.getHeaderString("X-Admin-Token");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                adminToken.get().getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.unauthorized("send the operator token as X-Admin-Token");
        }
    }
}
