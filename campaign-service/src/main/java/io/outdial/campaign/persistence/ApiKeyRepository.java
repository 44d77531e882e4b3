package io.outdial.campaign.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.outdial.campaign.domain.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public Uni<ApiKey> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResult();
    }

    /** The key, locked until the transaction ends (so that two rotations of it cannot both succeed), or null. */
    public Uni<ApiKey> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<ApiKey>> listOfTeam(String teamId, PageRequest page) {
        return find("teamId", Sort.by("createdAt").and("id"), teamId).range(page.offset(), page.lastIndex()).list();
    }

    public Uni<Long> countOfTeam(String teamId) {
        return count("teamId", teamId);
    }
}
