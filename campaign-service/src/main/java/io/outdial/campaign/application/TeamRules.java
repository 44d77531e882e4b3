package io.outdial.campaign.application;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.persistence.TeamSettings;
import io.outdial.campaign.persistence.TeamSettingsRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A team's own rules: its cap on attempts per phone number over a rolling 24 h, across its
 * campaigns. The dispatch loop applies the lowest of it and the jurisdictions' caps, so it can only
 * make dialing stricter.
 */
@ApplicationScoped
public class TeamRules {

    private final TeamSettingsRepository settings;
    private final Clock clock;

    public TeamRules(TeamSettingsRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The team's settings; a team that set nothing has no cap of its own. */
    public Uni<TeamSettings> get(String teamId) {
        return Panache.withSession(() -> settings.findById(teamId)).map(found -> found != null ? found : empty(teamId));
    }

    public Uni<TeamSettings> setMaxAttemptsPer24h(String teamId, Integer maxAttemptsPer24h) {
        return Panache.withTransaction(() -> settings.findById(teamId).flatMap(found -> {
            TeamSettings team = found != null ? found : empty(teamId);
            team.maxAttemptsPer24h = maxAttemptsPer24h;
            team.updatedAt = clock.instant();
            return found != null ? Uni.createFrom().item(team) : settings.persist(team);
        }));
    }

    private TeamSettings empty(String teamId) {
        TeamSettings team = new TeamSettings();
        team.teamId = teamId;
        return team;
    }
}
