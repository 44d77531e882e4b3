package io.outdial.campaign.messaging.in;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignProgress;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies counter snapshots from call-result-service. Snapshots carry a version, so a
 * redelivered or older snapshot is a no-op without a dedup table.
 */
@ApplicationScoped
public class CampaignProgressConsumer {

    private final Pool pool;

    @Inject
    public CampaignProgressConsumer(Pool pool) {
        this.pool = pool;
    }

    @Incoming(Topics.CAMPAIGN_PROGRESS)
    public Uni<Void> onProgress(ConsumerRecord<String, String> record) {
        var envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!(envelope.event() instanceof CampaignProgress progress)) {
            throw new IllegalArgumentException("not a campaign progress event: " + envelope.type());
        }
        return pool.preparedQuery("""
                UPDATE campaigns
                   SET contacts_called = $2, contacts_completed = $3, contacts_answered = $4,
                       progress_version = $5, updated_at = now()
                 WHERE id = $1 AND progress_version < $5
                """)
                .execute(Tuple.of(UUID.fromString(progress.campaignId()), progress.contactsCalled(),
                        progress.contactsCompleted(), progress.contactsAnswered(), progress.version()))
                .replaceWithVoid();
    }
}
