package io.outdial.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CampaignEvent;
import io.outdial.contract.events.DialContact;

/** The documented examples, the JSON Schemas, the AsyncAPI document and the Java records agree. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContractTest {

    private final ContractValidator validator = new ContractValidator();

    private static String example(EventType type) throws IOException {
        String name = "/examples/" + type.recordClass().getSimpleName() + ".json";
        try (InputStream in = ContractTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "no example " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyExampleValidatesAndRoundTripsThroughItsRecord() throws IOException {
        for (EventType type : EventType.values()) {
            String json = example(type);
            assertEquals(Set.of(), validator.violations(type, json), type + " example");
            CampaignEvent event = EventCodec.decode(type.ceType(), json);
            String encoded = EventCodec.encode(event);
            assertEquals(Set.of(), validator.violations(type, encoded), type + " as the services encode it");
            assertEquals(event, EventCodec.decode(type.ceType(), encoded));
        }
    }

    @Test
    void schemasRejectWhatTheContractForbids() throws IOException {
        ObjectMapper mapper = EventCodec.mapper();
        ObjectNode missing = (ObjectNode) mapper.readTree(example(EventType.DIAL_CONTACT));
        missing.remove("callId");
        assertFalse(validator.violations(EventType.DIAL_CONTACT, missing.toString()).isEmpty());
        ObjectNode badOutcome = (ObjectNode) mapper.readTree(example(EventType.CALL_ENDED));
        badOutcome.put("outcome", "maybe");
        assertFalse(validator.violations(EventType.CALL_ENDED, badOutcome.toString()).isEmpty());
        ObjectNode badWindow = (ObjectNode) mapper.readTree(example(EventType.DIAL_CONTACT));
        badWindow.put("callWindowStart", "25:00");
        assertFalse(validator.violations(EventType.DIAL_CONTACT, badWindow.toString()).isEmpty());
        ObjectNode added = (ObjectNode) mapper.readTree(example(EventType.CALL_RINGING));
        added.put("carrier", "acme");
        assertEquals(Set.of(), validator.violations(EventType.CALL_RINGING, added.toString()), "adding a field is compatible");
    }

    @Test
    void callEndedOfContract1_0StillReadsAndTheSchemasNameEveryOutcome() throws IOException {
        ObjectMapper mapper = EventCodec.mapper();
        ObjectNode before11 = (ObjectNode) mapper.readTree(example(EventType.CALL_ENDED));
        before11.remove("sipStatus");
        assertEquals(Set.of(), validator.violations(EventType.CALL_ENDED, before11.toString()), "sipStatus is optional");
        assertNull(((CallEnded) EventCodec.decode(EventType.CALL_ENDED.ceType(), before11.toString())).sipStatus());

        ObjectNode noStatus = before11.deepCopy();
        noStatus.putNull("sipStatus");
        assertEquals(Set.of(), validator.violations(EventType.CALL_ENDED, noStatus.toString()), "sipStatus may be null");

        ObjectNode settled = (ObjectNode) mapper.readTree(example(EventType.CONTACT_SETTLED));
        for (CallOutcome outcome : CallOutcome.values()) {
            ObjectNode event = before11.deepCopy();
            event.put("outcome", outcome.wireName());
            assertEquals(Set.of(), validator.violations(EventType.CALL_ENDED, event.toString()), "CallEnded " + outcome.wireName());
            settled.put("outcome", outcome.wireName());
            assertEquals(Set.of(), validator.violations(EventType.CONTACT_SETTLED, settled.toString()),
                    "ContactSettled " + outcome.wireName());
        }
    }

    @Test
    void dialContactOfContract1_1StillReadsAndVariablesAreTextByIdentifier() throws IOException {
        ObjectMapper mapper = EventCodec.mapper();
        ObjectNode before12 = (ObjectNode) mapper.readTree(example(EventType.DIAL_CONTACT));
        before12.remove("variables");
        assertEquals(Set.of(), validator.violations(EventType.DIAL_CONTACT, before12.toString()), "variables is optional");
        DialContact old = (DialContact) EventCodec.decode(EventType.DIAL_CONTACT.ceType(), before12.toString());
        assertNull(old.variables());
        assertEquals(java.util.Map.of(), old.variablesOrNone());

        DialContact current = (DialContact) EventCodec.decode(EventType.DIAL_CONTACT.ceType(), example(EventType.DIAL_CONTACT));
        assertEquals("gold", current.variables().get("plan"));

        ObjectNode notText = (ObjectNode) mapper.readTree(example(EventType.DIAL_CONTACT));
        ((ObjectNode) notText.get("variables")).put("plan", 3);
        assertFalse(validator.violations(EventType.DIAL_CONTACT, notText.toString()).isEmpty(), "values are text");
        ObjectNode badName = (ObjectNode) mapper.readTree(example(EventType.DIAL_CONTACT));
        ((ObjectNode) badName.get("variables")).put("X-Header: injected", "x");
        assertFalse(validator.violations(EventType.DIAL_CONTACT, badName.toString()).isEmpty(), "names are identifiers");
    }

    @Test
    void asyncApiDocumentsEveryTopicAndMessageWithItsSchema() throws IOException {
        JsonNode doc;
        try (InputStream in = ContractTest.class.getResourceAsStream("/asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertEquals("3.0.0", doc.get("asyncapi").asText());
        Set<String> addresses = new HashSet<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertEquals(Topics.MAIN.stream().map(Topics.TopicSpec::name).collect(Collectors.toSet()), addresses);

        JsonNode messages = doc.get("components").get("messages");
        for (EventType type : EventType.values()) {
            String name = type.recordClass().getSimpleName();
            JsonNode message = messages.get(name);
            assertNotNull(message, "AsyncAPI has no message " + name);
            assertEquals(type.ceType(), message.get("name").asText());
            String ref = message.get("payload").get("schema").get("$ref").asText();
            assertEquals(type.schemaResource(), "/" + ref);
            assertNotNull(ContractTest.class.getResource("/" + ref), ref);
            // The message is on the channel of its topic.
            boolean onItsChannel = false;
            for (JsonNode channel : doc.get("channels")) {
                if (channel.get("address").asText().equals(type.topic()) && channel.get("messages").has(name)) {
                    onItsChannel = true;
                }
            }
            assertTrue(onItsChannel, name + " is not on " + type.topic());
        }
    }
}
