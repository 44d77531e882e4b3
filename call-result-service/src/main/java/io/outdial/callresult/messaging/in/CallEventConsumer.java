package io.outdial.callresult.messaging.in;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.outdial.callresult.persistence.CallFold;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEvent;
import io.outdial.platform.DeadLetters;
import io.smallrye.mutiny.Multi;
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
    private final Emitter<String> deadLetters;

    @Inject
    public CallEventConsumer(CallFold fold, @Channel(Topics.CALL_EVENTS + Topics.DLQ_SUFFIX) Emitter<String> deadLetters) {
        this.fold = fold;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.CALL_EVENTS)
    public Uni<Void> onCallEvents(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<EventEnvelope> envelopes = new ArrayList<>();
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
                if (!(envelope.event() instanceof CallEvent)) {
                    throw new IllegalArgumentException("not a call event: " + envelope.type());
                }
                readable.add(record);
                envelopes.add(envelope);
            } catch (RuntimeException unreadable) {
                LOG.warnf("unreadable call event at %s-%d@%d goes to the dead-letter topic: %s", record.topic(),
                        record.partition(), record.offset(), unreadable.getMessage());
                deadLettered.add(DeadLetters.send(deadLetters, record, unreadable).toCompletableFuture());
            }
        }
        Uni<Void> sent = Uni.createFrom().completionStage(CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)));
        if (envelopes.isEmpty()) {
            return sent;
        }
        return sent.flatMap(ok -> fold.applyAll(envelopes)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d call events failed (%s): applying them one by one", envelopes.size(), failure);
                    return oneByOne(readable, envelopes);
                }));
    }

    private Uni<Void> oneByOne(List<ConsumerRecord<String, String>> records, List<EventEnvelope> envelopes) {
        return Multi.createFrom().range(0, envelopes.size())
                .onItem().transformToUniAndConcatenate(i -> fold.apply(envelopes.get(i))
                        .onFailure().recoverWithUni(failure -> {
                            LOG.errorf(failure, "call event %s cannot be applied: to the dead-letter topic", envelopes.get(i).id());
                            return Uni.createFrom().completionStage(DeadLetters.send(deadLetters, records.get(i), failure));
                        }))
                .collect().last().replaceWithVoid();
    }
}
