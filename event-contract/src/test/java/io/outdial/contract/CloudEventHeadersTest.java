package io.outdial.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallRinging;

/** The CloudEvents headers on the wire are exactly those of contract 1.0: names, values and order. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CloudEventHeadersTest {

    private static final String ID = "5f0c6a1e-3b7d-4c1a-9a8e-2d4b6f8a0c11";
    private static final String CAMPAIGN = "0b8e2c1d-7f4a-4e3b-8c5d-6a9f1e2d3c4b";

    private static List<Map.Entry<String, String>> asText(Headers headers) {
        List<Map.Entry<String, String>> text = new ArrayList<>();
        for (Header header : headers) {
            text.add(Map.entry(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        }
        return text;
    }

    @Test
    void writesTheBinaryModeHeadersOfContractOneByteForByte() {
        Headers headers = CloudEventHeaders.of(ID, EventType.CALL_RINGING, "/outdial/dialer-service", CAMPAIGN,
                Instant.parse("2026-03-08T06:59:59.120Z"));
        assertEquals(List.of(
                Map.entry("ce_id", ID),
                Map.entry("ce_type", "io.outdial.dialer.call-ringing.v1"),
                Map.entry("ce_source", "/outdial/dialer-service"),
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_time", "2026-03-08T06:59:59.120Z"),
                Map.entry("ce_subject", CAMPAIGN),
                Map.entry("content-type", "application/json")), asText(headers));
    }

    @Test
    void writesTimeAsAnInstantPrintsIt() {
        for (String time : List.of("2026-03-08T07:00:00Z", "2026-03-08T07:00:00.100Z", "2026-03-08T07:00:00.123450Z",
                "2026-03-08T07:00:00.000000001Z")) {
            Headers headers = CloudEventHeaders.of(ID, EventType.CALL_RINGING, "test", CAMPAIGN, Instant.parse(time));
            assertEquals(time, new String(headers.lastHeader("ce_time").value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsWhatItWrites() {
        Instant at = Instant.parse("2026-03-08T06:59:59.123456Z");
        CallRinging ringing = new CallRinging("c7d1e2f3-0a1b-4c2d-8e3f-4a5b6c7d8e9f", CAMPAIGN, at);
        EventEnvelope envelope = CloudEventHeaders.read(
                CloudEventHeaders.of(ID, EventType.CALL_RINGING, "/outdial/dialer-service", CAMPAIGN, at), EventCodec.encode(ringing));
        assertEquals(new EventEnvelope(ID, EventType.CALL_RINGING, "/outdial/dialer-service", at, ringing), envelope);
    }

    @Test
    void refusesRecordsThatAreNotCloudEventsOfTheContract() {
        String value = EventCodec.encode(new CallRinging("c7d1e2f3-0a1b-4c2d-8e3f-4a5b6c7d8e9f", CAMPAIGN, Instant.now()));
        for (String dropped : List.of("ce_id", "ce_type", "ce_source", "ce_specversion")) {
            Headers headers = without(dropped);
            assertThrows(EventCodec.MalformedEventException.class, () -> CloudEventHeaders.read(headers, value), "without " + dropped);
        }
        Headers badTime = without("ce_time");
        badTime.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThrows(EventCodec.MalformedEventException.class, () -> CloudEventHeaders.read(badTime, value));
        Headers emptyId = without("ce_id");
        emptyId.add("ce_id", new byte[0]);
        assertThrows(EventCodec.MalformedEventException.class, () -> CloudEventHeaders.read(emptyId, value));
        Headers unknownType = without("ce_type");
        unknownType.add("ce_type", "io.outdial.nobody.unknown.v1".getBytes(StandardCharsets.UTF_8));
        assertThrows(EventType.UnknownEventTypeException.class, () -> CloudEventHeaders.read(unknownType, value));
        assertThrows(EventCodec.MalformedEventException.class, () -> CloudEventHeaders.read(without("nothing"), "{not json"));
        assertThrows(EventCodec.MalformedEventException.class, () -> CloudEventHeaders.read(without("nothing"), null));
    }

    private static Headers without(String name) {
        RecordHeaders headers = new RecordHeaders(
                CloudEventHeaders.of(ID, EventType.CALL_RINGING, "test", CAMPAIGN, Instant.now()).toArray());
        headers.remove(name);
        return headers;
    }
}
