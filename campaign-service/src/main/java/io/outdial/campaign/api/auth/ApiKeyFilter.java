package io.outdial.campaign.api.auth;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.campaign.application.ApiKeyRateLimiter;
import io.smallrye.mutiny.Uni;

/**
 * Authenticates every {@code /api} request by its bearer API key (only the key's SHA-256 is stored)
 * and holds it to the key's rate limit, before the body is read.
 */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";
    /** Browsers' EventSource cannot send headers: event streams alone also take the key in the URL. */
    private static final String ACCESS_TOKEN = "access_token";
    private static final Pattern EVENT_STREAM = Pattern.compile("/api/crm/campaigns/[^/]+/events");

    private final ApiKeyIssuer keys;
    private final ApiKeyRateLimiter rateLimiter;
    private final CurrentTenant current;

    public ApiKeyFilter(ApiKeyIssuer keys, ApiKeyRateLimiter rateLimiter, CurrentTenant current) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.current = current;
    }

    // Before a blocking endpoint moves to a worker thread: the key lookup needs the event loop.
    @ServerRequestFilter(nonBlocking = true)
    public Uni<Void> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String secret;
        if (header == null && takesKeyInUrl(request)) {
            secret = request.getUriInfo().getQueryParameters().getFirst(ACCESS_TOKEN);
            if (secret == null || secret.isBlank()) {
                return Uni.createFrom().failure(ApiProblem.unauthorized(
                        "send the API key as 'Authorization: Bearer <key>' or as the query parameter access_token"));
            }
        } else if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.length() == BEARER.length()) {
            return Uni.createFrom().failure(ApiProblem.unauthorized("send the API key as 'Authorization: Bearer <key>'"));
        } else {
            secret = header.substring(BEARER.length());
        }
        return keys.authenticate(secret.trim())
                .onItem().ifNull().failWith(() -> ApiProblem.unauthorized("the API key is unknown, revoked or expired"))
                .invoke(key -> {
                    var decision = rateLimiter.tryTake(key.id);
                    if (!decision.allowed()) {
                        throw ApiProblem.tooManyRequests(decision.retryAfterSeconds());
                    }
                    current.set(new Tenant(key.teamId, key.accountSlug));
                })
                .replaceWithVoid();
    }

    private static boolean takesKeyInUrl(ContainerRequestContext request) {
        return "GET".equals(request.getMethod()) && EVENT_STREAM.matcher(request.getUriInfo().getPath()).matches();
    }
}
