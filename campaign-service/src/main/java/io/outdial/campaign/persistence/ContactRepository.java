package io.outdial.campaign.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.ContactKey;
import io.outdial.campaign.domain.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The team's CRM contacts. Every query names the team: another team's contact is simply not found. */
@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

    /** Filters of a list request; null members do not filter. */
    public record ContactFilter(String search, String companyId, Boolean doNotCall) {
    }

    public Uni<Contact> findOwned(String teamId, UUID id) {
        return find("id = ?1 and teamId = ?2", id, teamId).firstResult();
    }

    /**
     * Makes the contact's waiting memberships (pending, with a next eligible time) ready for the
     * feeder to decide again, as where the contact is has changed. A retry delay still running stays:
     * it does not depend on the contact. Rows are locked in one order (by campaign).
     */
    public Uni<Integer> reopenPendingMemberships(UUID contactId) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE campaign_contacts cc
                   SET next_eligible_at = CASE WHEN cc.next_attempt_at > now() THEN cc.next_attempt_at END,
                       wait_reason = CASE WHEN cc.next_attempt_at > now() THEN 'retry_delay' END
                  FROM (SELECT id FROM campaign_contacts
                         WHERE contact_id = ?1 AND status = 'pending'
                           AND (next_eligible_at IS NOT NULL OR wait_reason IS NOT NULL)
                           AND wait_reason IS DISTINCT FROM 'retry_delay'
                         ORDER BY campaign_id FOR UPDATE) waiting
                 WHERE cc.id = waiting.id
                """).setParameter(1, contactId).executeUpdate());
    }

    /**
     * A page in (createdAt, id) order and the row after it, if any: after {@code page.offset()} rows,
     * or, when {@code after} is given, from the first row past that key (keyset paging, no offset).
     */
    public Uni<List<Contact>> list(String teamId, ContactFilter filter, PageRequest page, ContactKey after) {
        Query query = query(teamId, filter);
        String where = query.where;
        int first = page.offset();
        if (after != null) {
            where += " and (createdAt > :afterAt or (createdAt = :afterAt and id > :afterId))";
            query.parameters.and("afterAt", after.createdAt()).and("afterId", after.id());
            first = 0;
        }
        // One row past the page tells whether another follows.
        int last = (int) Math.min((long) first + page.limit(), Integer.MAX_VALUE);
        return find(where, Sort.by("createdAt").and("id"), query.parameters).range(first, last).list();
    }

    public Uni<Long> count(String teamId, ContactFilter filter) {
        Query query = query(teamId, filter);
        return count(query.where, query.parameters);
    }

    private record Query(String where, Parameters parameters) {
    }

    private static Query query(String teamId, ContactFilter filter) {
        StringBuilder where = new StringBuilder("teamId = :team");
        Parameters parameters = Parameters.with("team", teamId);
        if (filter.search() != null && !filter.search().isEmpty()) {
            parameters.and("search", "%" + likeEscape(filter.search()) + "%");
            where.append(" and (firstName ilike :search escape '\\' or lastName ilike :search escape '\\'"
                    + " or email ilike :search escape '\\' or phone ilike :search escape '\\'");
            // "(202) 555-0123" finds +12025550123: a search made only of phone characters also matches its digits.
            String digits = filter.search().replaceAll("[^0-9]", "");
            if (!digits.isEmpty() && filter.search().matches("[0-9+()\\-. ]+")) {
                parameters.and("digits", "%" + digits + "%");
                where.append(" or phone like :digits");
            }
            where.append(')');
        }
        if (filter.companyId() != null) {
            parameters.and("company", filter.companyId());
            where.append(" and companyId = :company");
        }
        if (filter.doNotCall() != null) {
            parameters.and("dnc", filter.doNotCall());
            where.append(" and doNotCall = :dnc");
        }
        return new Query(where.toString(), parameters);
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
