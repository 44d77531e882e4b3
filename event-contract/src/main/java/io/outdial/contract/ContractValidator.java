package io.outdial.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates record values against the JSON Schema of their message type (the files under
 * {@code /schemas} that the AsyncAPI document references). Needs
 * {@code com.networknt:json-schema-validator} on the classpath.
 */
public final class ContractValidator {

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public ContractValidator() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (EventType type : EventType.values()) {
            try (InputStream in = ContractValidator.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no schema " + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(EventCodec.mapper().readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The violations of {@code json} as a {@code type}; empty when it conforms. */
    public Set<String> violations(EventType type, String json) {
        try {
            Set<ValidationMessage> messages = schemas.get(type).validate(EventCodec.mapper().readTree(json));
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            return Set.of("not JSON: " + e.getMessage());
        }
    }
}
