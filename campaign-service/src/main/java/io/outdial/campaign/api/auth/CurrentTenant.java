package io.outdial.campaign.api.auth;

import jakarta.enterprise.context.RequestScoped;

import io.outdial.campaign.api.problem.ApiProblem;

/** The tenant of the current request, set by {@link ApiKeyFilter} before any resource runs. */
@RequestScoped
public class CurrentTenant {

    private Tenant tenant;

    void set(Tenant tenant) {
        this.tenant = tenant;
    }

    public Tenant get() {
        if (tenant == null) {
            throw ApiProblem.unauthorized("an API key is required");
        }
        return tenant;
    }

    public String teamId() {
        return get().teamId();
    }

    /**
     * The team a request names: its own when {@code teamId} is absent; a different team answers 403.
     */
    public String resolveTeam(String teamId) {
        String own = teamId();
        if (teamId != null && !teamId.equals(own)) {
            throw ApiProblem.forbidden("teamId", "the API key does not belong to this team");
        }
        return own;
    }
}
