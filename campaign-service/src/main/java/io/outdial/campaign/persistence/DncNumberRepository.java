package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Teams' do-not-call lists. Every query names the team: another team's entry is simply not found. */
@ApplicationScoped
public class DncNumberRepository implements PanacheRepositoryBase<DncNumber, DncNumber.Key> {

    public Uni<DncNumber> findListed(String teamId, String number) {
        return findById(new DncNumber.Key(teamId, number));
    }

    /** Ordered by number, which the primary key serves: a list of millions pages without sorting. */
    public Uni<List<DncNumber>> list(String teamId, PageRequest page) {
        return find("teamId", Sort.by("number"), teamId).range(page.offset(), page.lastIndex()).list();
    }

    public Uni<Long> countOf(String teamId) {
        return count("teamId", teamId);
    }

    /**
     * Lists the number unless it is listed already; true when this call listed it. One statement, so
     * two concurrent adds of one number cannot both insert (nor fail on the key).
     */
    public Uni<Boolean> addIfAbsent(String teamId, String number, String source, Instant at) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO dnc_numbers (team_id, number, source, created_at) VALUES (?1, ?2, CAST(?3 AS text), CAST(?4 AS timestamptz))
                ON CONFLICT (team_id, number) DO NOTHING
                """).setParameter(1, teamId).setParameter(2, number).setParameter(3, source).setParameter(4, Rows.timestamp(at))
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    /** False when the number was not on the team's list. */
    public Uni<Boolean> deleteListed(String teamId, String number) {
        return delete("teamId = ?1 and number = ?2", teamId, number).map(deleted -> deleted == 1);
    }
}
