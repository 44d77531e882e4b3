package io.outdial.campaign.domain.eligibility;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.domain.eligibility.JurisdictionRules.InvalidRulesException;
import io.outdial.campaign.domain.eligibility.JurisdictionRules.RuleSet;
import io.outdial.contract.CallWindow;

/**
 * Reads a rules file strictly: unknown fields, duplicate keys, wrong types and unknown
 * jurisdictions are refused with the path of the field, since a typo would silently drop a law.
 */
final class JurisdictionRulesReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String DEFAULT_RULE = "default";

    private final String sourceName;

    JurisdictionRulesReader(String sourceName) {
        this.sourceName = sourceName;
    }

    JurisdictionRules read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw invalid("is not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw invalid("is empty");
        }
        object(root, "", Set.of("version", "description", "profiles"));
        String version = text(root, "", "version", true);
        text(root, "", "description", false);
        JsonNode profiles = required(root, "", "profiles");
        object(profiles, "profiles", null);
        Map<ComplianceProfile, RuleSet> ruleSets = new EnumMap<>(ComplianceProfile.class);
        for (Map.Entry<String, JsonNode> entry : profiles.properties()) {
            String path = "profiles." + entry.getKey();
            ComplianceProfile profile = profileNamed(entry.getKey(), path);
            ruleSets.put(profile, ruleSet(entry.getValue(), path));
        }
        for (ComplianceProfile profile : ComplianceProfile.values()) {
            if (profile != ComplianceProfile.NONE && !ruleSets.containsKey(profile)) {
                throw invalid("profiles." + profile.wireName() + " is required");
            }
        }
        return new JurisdictionRules(version, ruleSets);
    }

    private ComplianceProfile profileNamed(String name, String path) {
        ComplianceProfile profile;
        try {
            profile = ComplianceProfile.fromWire(name);
        } catch (IllegalArgumentException e) {
            throw invalid(path + " is not a compliance profile (known: us_tcpa)");
        }
        if (profile == ComplianceProfile.NONE) {
            throw invalid(path + " must not be given: that profile applies no rules");
        }
        return profile;
    }

    private RuleSet ruleSet(JsonNode node, String path) {
        object(node, path, Set.of(DEFAULT_RULE, "jurisdictions"));
        JurisdictionRule defaultRule = rule(required(node, path, DEFAULT_RULE), path + "." + DEFAULT_RULE, DEFAULT_RULE);
        Map<String, JurisdictionRule> bySubdivision = new HashMap<>();
        JsonNode jurisdictions = node.get("jurisdictions");
        if (jurisdictions != null) {
            object(jurisdictions, path + ".jurisdictions", null);
            for (Map.Entry<String, JsonNode> entry : jurisdictions.properties()) {
                String rulePath = path + ".jurisdictions." + entry.getKey();
                if (!NorthAmericanSubdivisions.isIsoCode(entry.getKey())) {
                    throw invalid(rulePath + " is not the ISO 3166-2 code of a US state or territory or a Canadian"
                            + " province or territory (e.g. US-FL)");
                }
                bySubdivision.put(entry.getKey(), rule(entry.getValue(), rulePath, entry.getKey()));
            }
        }
        return new RuleSet(defaultRule, bySubdivision);
    }

    private JurisdictionRule rule(JsonNode node, String path, String jurisdiction) {
        object(node, path, Set.of("localHours", "maxAttemptsPer24h", "source"));
        JsonNode hours = required(node, path, "localHours");
        String hoursPath = path + ".localHours";
        object(hours, hoursPath, Set.of("start", "end"));
        LocalTime start = time(hours, hoursPath, "start");
        LocalTime end = time(hours, hoursPath, "end");
        if (start.equals(end)) {
            throw invalid(hoursPath + ".end must differ from start");
        }
        Integer cap = null;
        JsonNode capNode = node.get("maxAttemptsPer24h");
        if (capNode != null && !capNode.isNull()) {
            if (!capNode.isIntegralNumber() || !capNode.canConvertToInt() || capNode.intValue() < 1) {
                throw invalid(path + ".maxAttemptsPer24h must be a whole number of at least 1, or null for no cap");
            }
            cap = capNode.intValue();
        }
        return new JurisdictionRule(jurisdiction, new LocalHours(start, end), cap, text(node, path, "source", true));
    }

    private LocalTime time(JsonNode parent, String parentPath, String field) {
        String path = parentPath + "." + field;
        try {
            return CallWindow.parseTime(path, text(parent, parentPath, field, true));
        } catch (CallWindow.InvalidWindowException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Checks that {@code node} is an object whose fields are all in {@code allowed} (null = any). */
    private void object(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw invalid((path.isEmpty() ? "the top level" : path) + " must be a JSON object");
        }
        if (allowed != null) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!allowed.contains(field.getKey())) {
                    throw invalid(join(path, field.getKey()) + " is not a known field (known: " + new TreeSet<>(allowed) + ")");
                }
            }
        }
    }

    private JsonNode required(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw invalid(join(parentPath, field) + " is required");
        }
        return node;
    }

    private String text(JsonNode parent, String parentPath, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(join(parentPath, field) + " is required");
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw invalid(join(parentPath, field) + " must be a non-blank string");
        }
        return node.textValue();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private InvalidRulesException invalid(String problem) {
        return new InvalidRulesException("compliance rules " + sourceName + ": " + problem);
    }
}
