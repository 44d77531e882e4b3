package io.outdial.campaign.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.contract.events.CampaignEvent;
import io.outdial.platform.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends an event to the outbox inside the current entity transaction, so a lifecycle change and
 * its event commit together. The rows are those of {@link OutboxWriter}, which the dispatch loop uses.
 */
@ApplicationScoped
public class EntityOutbox {

    private static final String INSERT = "INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5)";

    public Uni<Void> append(CampaignEvent event) {
        OutboxWriter.Row row = OutboxWriter.Row.of(event);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                .setParameter(1, row.eventId()).setParameter(2, row.topic()).setParameter(3, row.messageKey())
                .setParameter(4, row.ceType()).setParameter(5, row.payload()).executeUpdate())
                .replaceWithVoid();
    }
}
