package io.outdial.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.events.CampaignEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * One poll of a batch consumer, read: the records that parse as the expected event, in order,
 * and the dead-lettering of those that do not (one by one, so the rest of the batch goes on, with
 * the reason in the same headers SmallRye's dead-letter strategy writes; that strategy would
 * dead-letter the whole batch).
 */
public final class EventBatch {

    private static final Logger LOG = Logger.getLogger(EventBatch.class);

    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final List<EventEnvelope> envelopes = new ArrayList<>();
    private final List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
    private final Emitter<String> deadLetters;

    private EventBatch(Emitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Reads every record; one that does not parse as {@code expected} goes to {@code deadLetters}. */
    public static EventBatch read(ConsumerRecords<String, String> polled, Class<? extends CampaignEvent> expected,
            Emitter<String> deadLetters) {
        EventBatch batch = new EventBatch(deadLetters);
        for (ConsumerRecord<String, String> record : polled) {
            try {
                EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
                if (!expected.isInstance(envelope.event())) {
                    throw new IllegalArgumentException("not a " + expected.getSimpleName() + ": " + envelope.type());
                }
                batch.records.add(record);
                batch.envelopes.add(envelope);
            } catch (RuntimeException unreadable) {
                LOG.warnf("unreadable record at %s-%d@%d goes to the dead-letter topic: %s", record.topic(),
                        record.partition(), record.offset(), unreadable.getMessage());
                batch.deadLettered.add(deadLetter(deadLetters, record, unreadable).toCompletableFuture());
            }
        }
        return batch;
    }

    /** The events that parsed, in the order they were polled. */
    public List<EventEnvelope> envelopes() {
        return envelopes;
    }

    /** Completes when every unreadable record has been acknowledged by the dead-letter topic. */
    public Uni<Void> deadLettered() {
        return Uni.createFrom().completionStage(CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)));
    }

    /**
     * Applies the events one at a time, in order, each on its own; an event {@code apply} fails
     * for goes to the dead-letter topic. The fallback when a whole batch cannot be applied.
     */
    public Uni<Void> oneByOne(Function<EventEnvelope, Uni<Void>> apply) {
        return Multi.createFrom().range(0, envelopes.size())
                .onItem().transformToUniAndConcatenate(i -> apply.apply(envelopes.get(i))
                        .onFailure().recoverWithUni(failure -> {
                            LOG.errorf(failure, "event %s cannot be applied: to the dead-letter topic", envelopes.get(i).id());
                            return Uni.createFrom().completionStage(deadLetter(deadLetters, records.get(i), failure));
                        }))
                .collect().last().replaceWithVoid();
    }

    /** Sends {@code record} through {@code emitter} (a channel bound to the dead-letter topic); completes when acked. */
    private static CompletionStage<Void> deadLetter(Emitter<String> emitter, ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        headers.add("dead-letter-cause", bytes(reason.getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(record.key()).withHeaders(headers).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
