package io.outdial.campaign.api.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.domain.ApiKeys;
import io.outdial.campaign.persistence.ApiKeyRepository;
import io.smallrye.mutiny.Uni;

/** Authenticates every {@code /api} request by its bearer API key (only the key's SHA-256 is stored). */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    ApiKeyRepository keys;

    @Inject
    CurrentTenant current;

    @ServerRequestFilter
    public Uni<Void> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.length() == BEARER.length()) {
            return Uni.createFrom().failure(ApiProblem.unauthorized("send the API key as 'Authorization: Bearer <key>'"));
        }
        String hash = ApiKeys.hash(header.substring(BEARER.length()).trim());
        return keys.findTenantByHash(hash)
                .onItem().ifNull().failWith(() -> ApiProblem.unauthorized("the API key is unknown or revoked"))
                .invoke(current::set)
                .replaceWithVoid();
    }
}
