package io.outdial.campaign.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.campaign.application.Settlements;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignProgress;
import io.smallrye.mutiny.Uni;

/**
 * Applies counter snapshots from call-result-service. Snapshots carry a version, so a
 * redelivered or older snapshot is a no-op without a dedup table.
 */
@ApplicationScoped
public class CampaignProgressConsumer {

    private final Settlements settlements;

    public CampaignProgressConsumer(Settlements settlements) {
        this.settlements = settlements;
    }

    @Incoming(Topics.CAMPAIGN_PROGRESS)
    public Uni<Void> onProgress(ConsumerRecord<String, String> record) {
        var envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!(envelope.event() instanceof CampaignProgress progress)) {
            throw new IllegalArgumentException("not a campaign progress event: " + envelope.type());
        }
        return settlements.progress(progress);
    }
}
