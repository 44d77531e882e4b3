package io.outdial.campaign.application;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.persistence.AuditEventRepository.AuditEvent;
import io.outdial.campaign.persistence.AuditEventRepository;
import io.outdial.campaign.persistence.CampaignRepository;
import io.outdial.contract.calls.CallRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What was decided about a campaign's contacts and why (attempts, skips, refusals, waits, with the
 * callee's local time and the rule set), for the team that owns the campaign, deleted or not: a
 * compliance record outlives the campaign.
 */
@ApplicationScoped
public class CampaignAudit {

    public static final Set<String> KINDS = Set.of("attempt", "skip", "refusal", "wait");

    /** Events per read of an export. */
    static final int EXPORT_BATCH = 1000;
    private static final Duration READ_WAIT = Duration.ofSeconds(30);

    private final CampaignRepository campaigns;
    private final AuditEventRepository events;

    public CampaignAudit(CampaignRepository campaigns, AuditEventRepository events) {
        this.campaigns = campaigns;
        this.events = events;
    }

    public record AuditPage(List<AuditEvent> events, long total) {
    }

    /** A page of the campaign's events, oldest first; {@code kind} null = every kind. */
    public Uni<AuditPage> list(String teamId, UUID campaignId, String kind, PageRequest page) {
        return owned(teamId, campaignId).flatMap(ok -> events.page(campaignId, kind, page)
                .flatMap(list -> events.count(campaignId, kind).map(total -> new AuditPage(list, total))));
    }

    /** Refuses (not found) unless the team owns the campaign. Blocking: call it on a worker thread. */
    public void requireOwned(String teamId, UUID campaignId) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> owned(teamId, campaignId).ifNoItem().after(READ_WAIT).fail());
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot check the campaign's owner", e);
        }
    }

    /**
     * Hands every event of the campaign (of {@code kind}, or all), oldest first, to {@code sink} in
     * batches, reading one batch at a time. Blocking: call it on a worker thread.
     */
    public void export(UUID campaignId, String kind, Consumer<List<AuditEvent>> sink) {
        long after = 0;
        while (true) {
            List<AuditEvent> batch = events.after(campaignId, kind, after, EXPORT_BATCH).await().atMost(READ_WAIT);
            if (batch.isEmpty()) {
                return;
            }
            sink.accept(batch);
            after = batch.get(batch.size() - 1).id();
        }
    }

    /** The records with the callee's local time of each call's granted attempt (one read for all of them). */
    public Uni<List<CallRecord>> withLocalTimes(List<CallRecord> records) {
        List<UUID> ids = records.stream().map(CallRecord::id).filter(Ids::isUuid).map(UUID::fromString)
                .distinct().toList();
        return events.attemptLocalTimes(ids).map(times -> records.stream()
                .map(r -> Ids.isUuid(r.id()) && times.containsKey(UUID.fromString(r.id()))
                        ? r.withLocalTimeAtCallee(times.get(UUID.fromString(r.id())))
                        : r)
                .toList());
    }

    private Uni<Boolean> owned(String teamId, UUID campaignId) {
        return Panache.withSession(() -> campaigns.isOwnedBy(teamId, campaignId)).invoke(owned -> {
            if (!owned) {
                throw Refusal.notFound("campaign", campaignId.toString());
            }
        });
    }
}
