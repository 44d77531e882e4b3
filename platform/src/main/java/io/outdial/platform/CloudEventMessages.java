package io.outdial.platform;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventCodec;
import io.outdial.contract.EventType;
import io.outdial.contract.events.CampaignEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Builds outgoing Kafka messages in CloudEvents binary mode, keyed by the event's partition key (its campaign id, a dial command's campaign contact). */
public final class CloudEventMessages {

    private CloudEventMessages() {
    }

    /** A message with a fresh event id. */
    public static Message<String> of(CampaignEvent event, String source, Instant time) {
        return of(UUID.randomUUID().toString(), event, source, time);
    }

    public static Message<String> of(String eventId, CampaignEvent event, String source, Instant time) {
        EventType type = EventType.of(event);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(event.partitionKey())
                .withHeaders(CloudEventHeaders.of(eventId, type, source, event.partitionKey(), time))
                .build();
        return Message.of(EventCodec.encode(event)).addMetadata(metadata);
    }
}
