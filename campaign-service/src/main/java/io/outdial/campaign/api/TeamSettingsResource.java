package io.outdial.campaign.api;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.validator.constraints.Range;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.application.TeamRules;
import io.outdial.campaign.persistence.TeamSettings;
import io.smallrye.mutiny.Uni;

/** The team's own calling rules. */
@Path("/api/crm/settings")
@Tag(name = "Team settings")
public class TeamSettingsResource {

    /** The most a team may allow: its cap can only lower the jurisdictions' caps. */
    static final int MAX_ATTEMPTS_PER_24H = 100;

    public record Settings(String teamId, Integer maxAttemptsPer24h, Instant updatedAt) {
        static Settings of(TeamSettings s) {
            return new Settings(s.teamId, s.maxAttemptsPer24h, s.updatedAt);
        }
    }

    /** {@code maxAttemptsPer24h}: attempts per phone number in a rolling 24 h across the team's campaigns; null for none. */
    public record ChangeSettings(@Range(min = 1, max = MAX_ATTEMPTS_PER_24H, message = "must be between {min} and {max}")
    Integer maxAttemptsPer24h) {
    }

    private final CurrentTenant tenant;
    private final TeamRules rules;

    public TeamSettingsResource(CurrentTenant tenant, TeamRules rules) {
        this.tenant = tenant;
        this.rules = rules;
    }

    @GET
    @Operation(summary = "The team's calling rules", description = "maxAttemptsPer24h is the team's own cap on attempts"
            + " per phone number over a rolling 24 h across its campaigns (null: only the jurisdictions' caps apply).")
    public Uni<Settings> get() {
        return rules.get(tenant.teamId()).map(Settings::of);
    }

    @PUT
    @Operation(summary = "Change the team's calling rules", description = "The lowest of the team's cap and each"
            + " applicable jurisdiction's applies, so the team's cap can only make dialing stricter.")
    public Uni<Settings> put(@Valid @NotNull ChangeSettings body) {
        return rules.setMaxAttemptsPer24h(tenant.teamId(), body.maxAttemptsPer24h()).map(Settings::of);
    }
}
