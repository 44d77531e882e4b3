package io.outdial.campaign.persistence;

import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Sessions for the API's reads. Entities loaded read-only are neither snapshotted nor dirty-checked,
 * so a query after them does not flush: otherwise a page of 50 campaigns, JSON columns and all, is
 * compared field by field before the page's count query.
 */
public final class ReadOnlySessions {

    private ReadOnlySessions() {
    }

    /** Runs {@code work} in a session (the current one, or a new one) whose loads are read-only meanwhile. */
    public static <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            boolean before = session.isDefaultReadOnly();
            session.setDefaultReadOnly(true);
            return work.get().eventually(() -> session.setDefaultReadOnly(before));
        }));
    }
}
