package io.outdial.callresult.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.callresult.persistence.CallFold;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEvent;
import io.smallrye.mutiny.Uni;

/** Takes call events from the dialers; a record that does not parse goes to the dead-letter topic. */
@ApplicationScoped
public class CallEventConsumer {

    private final CallFold fold;

    @Inject
    public CallEventConsumer(CallFold fold) {
        this.fold = fold;
    }

    @Incoming(Topics.CALL_EVENTS)
    public Uni<Void> onCallEvent(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!(envelope.event() instanceof CallEvent)) {
            throw new IllegalArgumentException("not a call event: " + envelope.type());
        }
        return fold.apply(envelope);
    }
}
