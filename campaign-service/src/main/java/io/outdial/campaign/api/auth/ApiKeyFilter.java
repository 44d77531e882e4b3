package io.outdial.campaign.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.smallrye.mutiny.Uni;

/** Authenticates every {@code /api} request by its bearer API key (only the key's SHA-256 is stored). */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyIssuer keys;
    private final CurrentTenant current;

    public ApiKeyFilter(ApiKeyIssuer keys, CurrentTenant current) {
        this.keys = keys;
        this.current = current;
    }

    // Before a blocking endpoint moves to a worker thread: the key lookup needs the event loop.
    @ServerRequestFilter(nonBlocking = true)
    public Uni<Void> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.length() == BEARER.length()) {
            return Uni.createFrom().failure(ApiProblem.unauthorized("send the API key as 'Authorization: Bearer <key>'"));
        }
        return keys.authenticate(header.substring(BEARER.length()).trim())
                .onItem().ifNull().failWith(() -> ApiProblem.unauthorized("the API key is unknown or revoked"))
                .invoke(key -> current.set(new Tenant(key.teamId, key.accountSlug)))
                .replaceWithVoid();
    }
}
