package io.outdial.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.contract.CallWindow;

/**
 * The jurisdiction rules file campaign-service dials under (DESIGN 4b), read here without its code
 * so that the checker cross-checks it: the same data, a second reading. The file is put on this
 * module's classpath at the service's own resource path by the POM.
 */
final class CallingRules {

    /** The rules file's path on the classpath, as campaign-service bundles it. */
    static final String BUNDLED_RESOURCE = "compliance/rules-v1.json";
    /** The profile of a campaign that names none, or names {@code none} without opting out. */
    static final String DEFAULT_PROFILE = "us_tcpa";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Legal local hours {@code [start, end)} and a cap on attempts per number in a rolling 24 h (null = none). */
    record Rule(String jurisdiction, LocalTime start, LocalTime end, Integer maxAttemptsPer24h) {

        boolean isOpenAt(Instant instant, ZoneId zone) {
            return new CallWindow(start, end, zone).isOpenAt(instant);
        }

        String hours() {
            return start + "–" + end;
        }
    }

    /** A profile's rules: the default applies to everyone, a subdivision's (US-FL) in addition. */
    record RuleSet(Rule defaultRule, Map<String, Rule> bySubdivision) {

        List<Rule> applicableTo(Collection<String> subdivisions) {
            List<Rule> rules = new ArrayList<>();
            rules.add(defaultRule);
            subdivisions.stream().sorted().map(bySubdivision::get).filter(r -> r != null).forEach(rules::add);
            return rules;
        }
    }

    final String version;
    private final Map<String, RuleSet> profiles;
    /** The team's own cap on attempts per number in 24 h (GET /api/crm/settings); null when it has none. */
    final Integer teamCap;

    private CallingRules(String version, Map<String, RuleSet> profiles) {
        this(version, profiles, null);
    }

    private CallingRules(String version, Map<String, RuleSet> profiles, Integer teamCap) {
        this.version = version;
        this.profiles = profiles;
        this.teamCap = teamCap;
    }

    /** These rules with the team's own cap, which applies under every profile, {@code none} included. */
    CallingRules withTeamCap(Integer cap) {
        return new CallingRules(version, profiles, cap);
    }

    static CallingRules bundled() {
        try (InputStream in = CallingRules.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallingRules read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    static CallingRules parse(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, RuleSet> profiles = new HashMap<>();
            for (Map.Entry<String, JsonNode> profile : root.required("profiles").properties()) {
                Rule defaultRule = rule("default", profile.getValue().required("default"));
                Map<String, Rule> bySubdivision = new HashMap<>();
                for (Map.Entry<String, JsonNode> j : profile.getValue().path("jurisdictions").properties()) {
                    bySubdivision.put(j.getKey(), rule(j.getKey(), j.getValue()));
                }
                profiles.put(profile.getKey(), new RuleSet(defaultRule, Map.copyOf(bySubdivision)));
            }
            if (!profiles.containsKey(DEFAULT_PROFILE)) {
                throw new IllegalArgumentException("no profile " + DEFAULT_PROFILE);
            }
            return new CallingRules(root.required("version").asText(), Map.copyOf(profiles));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("compliance rules " + source + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Rule rule(String jurisdiction, JsonNode node) {
        JsonNode hours = node.required("localHours");
        JsonNode cap = node.path("maxAttemptsPer24h");
        return new Rule(jurisdiction, LocalTime.parse(hours.required("start").asText()),
                LocalTime.parse(hours.required("end").asText()), cap.isIntegralNumber() ? cap.intValue() : null);
    }

    /**
     * The rules a campaign (as the API returns it) dials under: none only for {@code none} with
     * {@code complianceOptOut: true}; a missing, null or unknown profile gets the default, the safe
     * reading of a campaign the API should not have accepted.
     */
    Optional<RuleSet> forCampaign(JsonNode campaign) {
        JsonNode profile = campaign.path("complianceProfile");
        String name = profile.isTextual() ? profile.asText() : DEFAULT_PROFILE;
        if ("none".equals(name) && campaign.path("complianceOptOut").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(profiles.getOrDefault(name, profiles.get(DEFAULT_PROFILE)));
    }
}
