package io.outdial.campaign.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A team's own rules for its campaigns. */
@Entity
@Table(name = "team_settings")
public class TeamSettings {

    @Id
    @Column(name = "team_id")
    public String teamId;

    /** Attempts per phone number in a rolling 24 h across the team's campaigns; null: the jurisdictions' caps only. */
    @Column(name = "max_attempts_per_24h")
    public Integer maxAttemptsPer24h;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
