package io.outdial.campaign.domain.eligibility;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The jurisdiction rules of each compliance profile, as read from a versioned rules file (see
 * campaign-service/README.md). {@code version} is recorded with each decision's audit.
 */
public record JurisdictionRules(String version, Map<ComplianceProfile, RuleSet> ruleSets) {

    /** The rules file shipped with the service, on the classpath. */
    public static final String BUNDLED_RESOURCE = "compliance/rules-v1.json";

    public JurisdictionRules {
        Objects.requireNonNull(version, "version");
        ruleSets = Map.copyOf(ruleSets);
    }

    /** The rules a profile dials under: a default for everyone, and stricter ones by subdivision. */
    public record RuleSet(JurisdictionRule defaultRule, Map<String, JurisdictionRule> bySubdivision) {

        public RuleSet {
            Objects.requireNonNull(defaultRule, "defaultRule");
            bySubdivision = Map.copyOf(bySubdivision);
        }

        /** The default rule (the federal floor) and the rule of each subdivision that has one. */
        public List<JurisdictionRule> applicableTo(List<String> subdivisions) {
            List<JurisdictionRule> rules = new ArrayList<>();
            rules.add(defaultRule);
            for (String subdivision : subdivisions) {
                JurisdictionRule rule = bySubdivision.get(subdivision);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            return List.copyOf(rules);
        }
    }

    /** The rules {@code profile} dials under; empty for a profile that applies none. */
    public Optional<RuleSet> ruleSetFor(ComplianceProfile profile) {
        return Optional.ofNullable(ruleSets.get(profile));
    }

    /** Reads the bundled rules file; a broken one fails start-up rather than dialing without rules. */
    public static JurisdictionRules bundled() {
        try (InputStream in = JurisdictionRules.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new InvalidRulesException("compliance rules " + BUNDLED_RESOURCE + ": not found on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    /** Reads a rules file's text; {@code sourceName} names it in error messages. */
    public static JurisdictionRules parse(String json, String sourceName) {
        return new JurisdictionRulesReader(sourceName).read(json);
    }

    /** A rules file that cannot be used; the message names the file and the offending field. */
    public static final class InvalidRulesException extends IllegalArgumentException {
        public InvalidRulesException(String message) {
            super(message);
        }
    }
}
