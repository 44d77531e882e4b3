package io.outdial.campaign.api.auth;

/** Who is calling: the team and account of the API key that authenticated the request. */
public record Tenant(String teamId, String accountSlug) {
}
