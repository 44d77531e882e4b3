package io.outdial.campaign.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TeamSettingsRepository implements PanacheRepositoryBase<TeamSettings, String> {
}
