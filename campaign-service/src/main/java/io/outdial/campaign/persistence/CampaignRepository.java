package io.outdial.campaign.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Campaigns as entities, for the lifecycle: creation and changes (the API reads them through {@link CampaignReads}). */
@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, UUID> {

    /** The team's live campaign with its row locked until the transaction ends, or null. */
    public Uni<Campaign> findLiveForUpdate(String teamId, UUID id) {
        return find("id = ?1 and teamId = ?2 and deletedAt is null", id, teamId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Whether the campaign (deleted or not) is the team's. */
    public Uni<Boolean> isOwnedBy(String teamId, UUID id) {
        return count("id = ?1 and teamId = ?2", id, teamId).map(n -> n > 0);
    }

    /** The ids of the team's newest campaigns. */
    public Uni<List<UUID>> newestIds(String teamId, int limit) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select c.id from Campaign c where c.teamId = ?1 order by c.createdAt desc", UUID.class)
                .setParameter(1, teamId).setMaxResults(limit).getResultList());
    }

    /**
     * Makes the campaign's waiting contacts (pending, with a next eligible time) ready for the feeder
     * to decide again, as its window or compliance rules changed. A retry delay still running stays.
     * Call with the campaign row locked: the feeder takes that lock before its contacts.
     */
    public Uni<Integer> reopenWaiting(UUID campaignId) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE campaign_contacts
                   SET next_eligible_at = CASE WHEN next_attempt_at > now() THEN next_attempt_at END,
                       wait_reason = CASE WHEN next_attempt_at > now() THEN 'retry_delay' END
                 WHERE campaign_id = ?1 AND status = 'pending'
                   AND (next_eligible_at IS NOT NULL OR wait_reason IS NOT NULL)
                   AND wait_reason IS DISTINCT FROM 'retry_delay'
                """).setParameter(1, campaignId).executeUpdate());
    }

    /**
     * Cancels the campaign's contacts not yet dialed: pending ones, and queued ones no dialer has
     * claimed. The campaign's claim lock comes first, as in a claim, which takes it before the queued
     * contacts it decides: the status change that follows would take it after them otherwise.
     */
    public Uni<Integer> cancelUndialed(UUID campaignId) {
        return getSession().flatMap(session -> session.createNativeQuery(ClaimLock.sql("?1"), Long.class)
                .setParameter(1, campaignId).getSingleResult()
                .flatMap(held -> session.createNativeQuery("""
                        UPDATE campaign_contacts SET status = 'cancelled', completed_at = now()
                         WHERE campaign_id = ?1 AND status IN ('pending', 'queued')
                        """).setParameter(1, campaignId).executeUpdate()));
    }
}
