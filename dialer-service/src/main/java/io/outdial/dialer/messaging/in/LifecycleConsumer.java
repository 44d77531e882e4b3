package io.outdial.dialer.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.dialer.domain.CampaignGate;

/**
 * Every dialer reads every lifecycle event (its own consumer group per instance) so that a
 * paused or cancelled campaign stops being dialed here within moments of the change.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private final CampaignGate gate;

    @Inject
    public LifecycleConsumer(CampaignGate gate) {
        this.gate = gate;
    }

    @Incoming(Topics.CAMPAIGN_LIFECYCLE)
    public void onStatusChanged(ConsumerRecord<String, String> record) {
        var envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (envelope.event() instanceof CampaignStatusChanged changed) {
            gate.statusChanged(changed.campaignId(), changed.status());
        }
    }
}
