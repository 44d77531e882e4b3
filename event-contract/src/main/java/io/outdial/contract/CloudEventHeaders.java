package io.outdial.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.outdial.contract.events.CampaignEvent;

/**
 * CloudEvents 1.0 Kafka binary mode, written and read by the CloudEvents SDK: the event's
 * attributes travel as {@code ce_*} headers and the record value is the JSON data. {@code ce_id}
 * is unique per event and is the consumers' deduplication key; {@code ce_subject} is the record key
 * (the campaign id; the campaign contact id on dial commands).
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    /**
     * The headers in the order contract 1.0 has always put them on the wire, so that records stay
     * byte-for-byte what integrators read before the SDK wrote them (the SDK's own order differs).
     */
    private static final List<String> WIRE_ORDER = List.of(ID, TYPE, SOURCE, SPEC_VERSION, TIME, SUBJECT, CONTENT_TYPE);

    private CloudEventHeaders() {
    }

    public static Headers of(String id, EventType type, String source, String subject, Instant time) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withType(type.ceType())
                .withSource(URI.create(source))
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        Headers written = KafkaMessageFactory.createWriter(type.topic()).writeBinary(event).headers();
        RecordHeaders headers = new RecordHeaders();
        for (String name : WIRE_ORDER) {
            if (name.equals(TIME)) {
                // The SDK prints the fraction without trailing zeros (".12Z"); contract 1.0 has
                // always carried Instant's form (".120Z"). Same instant, and the same bytes as before.
                headers.add(TIME, time.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                headers.add(written.lastHeader(name));
            }
        }
        return headers;
    }

    /** Reads one record; throws {@link EventCodec.MalformedEventException} or {@link EventType.UnknownEventTypeException}. */
    public static EventEnvelope read(Headers headers, String value) {
        CloudEvent event;
        try {
            // The value is decoded below from the string the consumer already has, not from the SDK's bytes.
            event = KafkaMessageFactory.createReader(headers, null).toEvent();
        } catch (RuntimeException notACloudEvent) {
            throw new EventCodec.MalformedEventException(String.valueOf(text(headers, TYPE)), notACloudEvent);
        }
        if (event.getId().isBlank()) {
            // The SDK accepts an empty id; it is the consumers' deduplication key, so it must not be.
            throw new EventCodec.MalformedEventException(event.getType(), new IllegalArgumentException("missing header " + ID));
        }
        if (value == null) {
            throw new EventCodec.MalformedEventException(event.getType(), new IllegalArgumentException("record has no value"));
        }
        CampaignEvent decoded = EventCodec.decode(event.getType(), value);
        Instant at = event.getTime() == null ? null : event.getTime().toInstant();
        return new EventEnvelope(event.getId(), EventType.ofCeType(event.getType()), event.getSource().toString(), at, decoded);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
