package io.outdial.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.outdial.contract.events.CampaignEvent;

/**
 * CloudEvents 1.0 Kafka binary mode: the event's attributes travel as {@code ce_*} headers and the
 * record value is the JSON data. {@code ce_id} is unique per event and is the consumers'
 * deduplication key; {@code ce_subject} is the campaign id, which is also the record key.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    public static Headers of(String id, EventType type, String source, String subject, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ID, bytes(id));
        headers.add(TYPE, bytes(type.ceType()));
        headers.add(SOURCE, bytes(source));
        headers.add(SPEC_VERSION, bytes("1.0"));
        headers.add(TIME, bytes(time.toString()));
        headers.add(SUBJECT, bytes(subject));
        headers.add(CONTENT_TYPE, bytes("application/json"));
        return headers;
    }

    /** Reads one record; throws {@link EventCodec.MalformedEventException} or {@link EventType.UnknownEventTypeException}. */
    public static EventEnvelope read(Headers headers, String value) {
        String id = required(headers, ID);
        String type = required(headers, TYPE);
        String source = text(headers, SOURCE);
        String time = text(headers, TIME);
        Instant at;
        try {
            at = time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new EventCodec.MalformedEventException(type, e);
        }
        if (value == null) {
            throw new EventCodec.MalformedEventException(type, new IllegalArgumentException("record has no value"));
        }
        CampaignEvent event = EventCodec.decode(type, value);
        return new EventEnvelope(id, EventType.ofCeType(type), source, at, event);
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new EventCodec.MalformedEventException(String.valueOf(text(headers, TYPE)),
                    new IllegalArgumentException("missing header " + name));
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
