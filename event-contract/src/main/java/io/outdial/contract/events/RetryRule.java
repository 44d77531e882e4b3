package io.outdial.contract.events;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.outdial.contract.EventCodec;

/**
 * How a campaign retries one outcome: after {@code delayMinutes}, while the contact has had fewer
 * than {@code maxAttempts} attempts. A null field falls back to the campaign's
 * {@code retryDelayMinutes} and its overall cap of {@code 1 + maxRetries}, which always applies.
 */
public record RetryRule(Integer delayMinutes, Integer maxAttempts) {

    private static final TypeReference<Map<String, RetryRule>> RULES = new TypeReference<>() {
    };

    /** Rules by outcome as stored in a JSON column; null or empty text is no rules. */
    public static Map<String, RetryRule> rulesFromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return EventCodec.mapper().readValue(json, RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("retry rules are not readable: " + json, e);
        }
    }

    public static String rulesToJson(Map<String, RetryRule> rules) {
        try {
            return EventCodec.mapper().writeValueAsString(rules == null ? Map.of() : rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
