package io.outdial.callresult.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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

    public Uni<List<Call>> list(Filter filter, int offset, int limit) {
        return find(where(filter), Sort.ascending("initiatedAt").and("id"), parameters(filter))
                .range(offset, offset + limit - 1).list();
    }

    public Uni<Long> count(Filter filter) {
        return count(where(filter), parameters(filter));
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
