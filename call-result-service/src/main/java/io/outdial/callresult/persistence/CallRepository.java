package io.outdial.callresult.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.callresult.domain.CallKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Reads of call records for the internal read API. */
@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<Call, UUID> {

    /** Filters of a list; null members do not filter. */
    public record Filter(List<UUID> campaignIds, UUID contactId, String status) {
    }

    /**
     * Calls by initiatedAt (not yet initiated last), then id: {@code count} of them after {@code offset},
     * or, when {@code after} is given, from the first past that key (keyset paging, no offset).
     */
    public Uni<List<Call>> list(Filter filter, int offset, int count, CallKey after) {
        String where = where(filter);
        Parameters parameters = parameters(filter);
        int first = offset;
        if (after != null) {
            first = 0;
            parameters.and("afterId", after.id());
            if (after.initiatedAt() == null) {
                where += " and initiatedAt is null and id > :afterId";
            } else {
                where += " and (initiatedAt > :afterAt or (initiatedAt = :afterAt and id > :afterId) or initiatedAt is null)";
                parameters.and("afterAt", after.initiatedAt());
            }
        }
        int last = (int) Math.min((long) first + count - 1, Integer.MAX_VALUE);
        return find(where, Sort.ascending("initiatedAt").and("id"), parameters).range(first, last).list();
    }

    public Uni<Long> count(Filter filter) {
        return count(where(filter), parameters(filter));
    }

    /** Up to {@code limit} of the campaign's calls with an id above {@code afterId}, by id: an export's next page. */
    public Uni<List<Call>> after(UUID campaignId, UUID afterId, int limit) {
        return find("campaignId = ?1 and id > ?2", Sort.ascending("id"), campaignId, afterId).range(0, limit - 1).list();
    }

    /** Talk time summed over each contact's calls in the campaign, by contact id; contacts without calls are absent. */
    public Uni<Map<UUID, Double>> talkSeconds(UUID campaignId, List<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select c.contactId, coalesce(sum(c.talkSeconds), 0.0) from Call c"
                        + " where c.campaignId = ?1 and c.contactId in ?2 group by c.contactId", Object[].class)
                .setParameter(1, campaignId).setParameter(2, contactIds).getResultList())
                .map(rows -> {
                    Map<UUID, Double> out = new HashMap<>();
                    rows.forEach(row -> out.put((UUID) row[0], ((Number) row[1]).doubleValue()));
                    return out;
                });
    }

    private static String where(Filter filter) {
        return "campaignId in :campaigns" + (filter.contactId() == null ? "" : " and contactId = :contact")
                + (filter.status() == null ? "" : " and status = :status");
    }

    private static Parameters parameters(Filter filter) {
        Parameters p = Parameters.with("campaigns", filter.campaignIds());
        if (filter.contactId() != null) {
            p.and("contact", filter.contactId());
        }
        if (filter.status() != null) {
            p.and("status", filter.status());
        }
        return p;
    }
}
