package io.outdial.callresult.messaging.in;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.outdial.callresult.persistence.CallFold;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEvent;
import io.outdial.platform.EventBatch;
import io.outdial.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/**
 * Takes call events from the dialers in batches, folded in one transaction per batch. A record
 * that does not parse goes to the dead-letter topic on its own; a batch that fails is retried,
 * then applied event by event so that only an event that cannot be applied is dead-lettered.
 */
@ApplicationScoped
public class CallEventConsumer {

    private static final Logger LOG = Logger.getLogger(CallEventConsumer.class);

    private final CallFold fold;
    private final OutboxRelay relay;
    private final Emitter<String> deadLetters;

    @Inject
    public CallEventConsumer(CallFold fold, OutboxRelay relay,
            @Channel(Topics.CALL_EVENTS + Topics.DLQ_SUFFIX) Emitter<String> deadLetters) {
        this.fold = fold;
        this.relay = relay;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.CALL_EVENTS)
    public Uni<Void> onCallEvents(ConsumerRecords<String, String> records) {
        EventBatch batch = EventBatch.read(records, CallEvent.class, deadLetters);
        if (batch.envelopes().isEmpty()) {
            return batch.deadLettered();
        }
        return batch.deadLettered().flatMap(ok -> fold.applyAll(batch.envelopes())
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d call events failed (%s): applying them one by one", batch.envelopes().size(), failure);
                    return batch.oneByOne(fold::apply);
                }))
                // The batch's outcomes are in the outbox: publish them now, not at the relay's next poll.
                .invoke(relay::nudge);
    }
}
