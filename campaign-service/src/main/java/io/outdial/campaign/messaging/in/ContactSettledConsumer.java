package io.outdial.campaign.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.campaign.application.Settlements;
import io.outdial.contract.Topics;
import io.outdial.contract.events.ContactSettled;
import io.outdial.platform.EventBatch;
import io.smallrye.mutiny.Uni;

/** Reads contact outcomes in batches; records that are not outcomes go to the dead-letter topic. */
@ApplicationScoped
public class ContactSettledConsumer {

    private final Settlements settlements;
    private final Emitter<String> deadLetters;

    public ContactSettledConsumer(Settlements settlements,
            @Channel(Topics.CONTACT_OUTCOMES + Topics.DLQ_SUFFIX) Emitter<String> deadLetters) {
        this.settlements = settlements;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.CONTACT_OUTCOMES)
    public Uni<Void> onSettled(ConsumerRecords<String, String> records) {
        EventBatch batch = EventBatch.read(records, ContactSettled.class, deadLetters);
        if (batch.envelopes().isEmpty()) {
            return batch.deadLettered();
        }
        return batch.deadLettered().flatMap(ok -> settlements.apply(batch));
    }
}
