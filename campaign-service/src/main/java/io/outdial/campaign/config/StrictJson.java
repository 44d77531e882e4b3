package io.outdial.campaign.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.outdial.campaign.domain.SafeText;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read strictly: unknown fields, strings where numbers belong, floats where
 * integers belong and numbers where strings belong are all refused (a typo must not be ignored).
 * Free-form members ({@code settings}, {@code customFields}) are maps and accept anything.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // A key given twice is a mistake, not a choice of the last one.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(safeText());
    }

    /** Every string, key and free-form value is checked: text the database cannot hold answers 400, not 500. */
    private static SimpleModule safeText() {
        SimpleModule module = new SimpleModule("safe-text");
        module.addDeserializer(String.class, new StdScalarDeserializer<String>(String.class) {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String value = StringDeserializer.instance.deserialize(p, ctxt);
                if (!SafeText.isSafe(value)) {
                    throw new UnsafeTextException(p, "");
                }
                return value;
            }
        });
        module.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                if (!SafeText.isSafe(key)) {
                    throw new UnsafeTextException(ctxt.getParser(), "");
                }
                return key;
            }
        });
        module.addDeserializer(Object.class, new StdDeserializer<Object>(Object.class) {
            @Override
            public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                // Free-form values (settings, customFields) are read by a plain mapper, then checked as a whole.
                Object value = PLAIN.convertValue(ctxt.readTree(p), Object.class);
                var unsafe = SafeText.firstUnsafe(value, "");
                if (unsafe.isPresent()) {
                    throw new UnsafeTextException(p, unsafe.get());
                }
                return value;
            }
        });
        return module;
    }
}
