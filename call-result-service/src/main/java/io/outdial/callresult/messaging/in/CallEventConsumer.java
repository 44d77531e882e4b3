package io.outdial.callresult.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.outdial.callresult.persistence.CallRecordRepository;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Folds call events into call records, once per event id: the id is inserted first, in the same
 * transaction as the effect, so a redelivered event finds it and changes nothing.
 */
@ApplicationScoped
public class CallEventConsumer {

    private final Pool pool;
    private final CallRecordRepository calls;

    @Inject
    public CallEventConsumer(Pool pool, CallRecordRepository calls) {
        this.pool = pool;
        this.calls = calls;
    }

    @Incoming(Topics.CALL_EVENTS)
    public Uni<Void> onCallEvent(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!(envelope.event() instanceof CallEvent event)) {
            throw new IllegalArgumentException("not a call event: " + envelope.type());
        }
        return pool.withTransaction(tx -> calls.markProcessed(tx, envelope.id())
                .flatMap(fresh -> fresh ? calls.apply(tx, event) : Uni.createFrom().voidItem()));
    }
}
