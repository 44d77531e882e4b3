package io.outdial.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.outdial.contract.events.CampaignEvent;

/**
 * JSON encoding of event values, the same in every service. Unknown fields are ignored on
 * read: adding a field is a compatible change (renaming or removing one needs a new topic).
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(CampaignEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a value of the given CloudEvents type; throws on a type or payload it cannot read. */
    public static CampaignEvent decode(String ceType, String json) {
        EventType type = EventType.ofCeType(ceType);
        try {
            return MAPPER.readValue(json, type.recordClass());
        } catch (IOException e) {
            throw new MalformedEventException(ceType, e);
        }
    }

    public static CampaignEvent decode(String ceType, byte[] json) {
        return decode(ceType, new String(json, StandardCharsets.UTF_8));
    }

    /** A record value that does not parse as its declared type. */
    public static final class MalformedEventException extends IllegalArgumentException {
        public MalformedEventException(String ceType, Throwable cause) {
            super("cannot parse a " + ceType + " record: " + cause.getMessage(), cause);
        }
    }
}
