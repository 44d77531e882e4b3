package io.outdial.campaign.persistence;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Caller IDs. Every query names the team: another team's number is simply not found. */
@ApplicationScoped
public class PhoneNumberRepository implements PanacheRepositoryBase<PhoneNumber, UUID> {

    public Uni<PhoneNumber> findByNumber(String teamId, String number) {
        return find("teamId = ?1 and number = ?2", teamId, number).firstResult();
    }

    public Uni<List<PhoneNumber>> list(String teamId, PageRequest page) {
        return find("teamId", Sort.by("createdAt").and("id"), teamId).range(page.offset(), page.lastIndex())
                .list();
    }

    public Uni<Long> countOf(String teamId) {
        return count("teamId", teamId);
    }

    /** The team's numbers among {@code ids}, in no particular order. */
    public Uni<List<PhoneNumber>> findAll(String teamId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("teamId = ?1 and id in ?2", teamId, ids);
    }

    /** Ids of live campaigns that use the number (a number in use cannot be deleted). */
    public Uni<List<UUID>> campaignsUsing(UUID id) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select c.id from Campaign c join c.callerIds n where n.id = ?1 and c.deletedAt is null",
                        UUID.class)
                .setParameter(1, id).setMaxResults(5).getResultList());
    }

    /** Deletes the team's number and its links to deleted campaigns; false when it is not the team's. */
    public Uni<Boolean> deleteOwned(String teamId, UUID id) {
        return getSession().flatMap(session -> session
                .createNativeQuery("""
                        DELETE FROM campaign_phone_numbers cp USING phone_numbers p
                         WHERE cp.phone_number_id = p.id AND p.id = ?1 AND p.team_id = ?2
                        """).setParameter(1, id).setParameter(2, teamId).executeUpdate())
                .flatMap(ignored -> delete("id = ?1 and teamId = ?2", id, teamId))
                .map(deleted -> deleted == 1);
    }
}
