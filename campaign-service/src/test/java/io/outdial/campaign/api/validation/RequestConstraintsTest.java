package io.outdial.campaign.api.validation;

import static io.outdial.campaign.api.validation.Validators.errors;
import static io.outdial.campaign.api.validation.Validators.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.api.AdminResource.CreateApiKey;
import io.outdial.campaign.api.AdminResource.RotateApiKey;
import io.outdial.campaign.api.PhoneNumberResource.CreatePhoneNumber;
import io.outdial.campaign.api.dto.CampaignRequests.CreateCampaign;
import io.outdial.campaign.api.dto.CampaignRequests.PatchCampaign;
import io.outdial.campaign.api.dto.CampaignRequests.RunCampaign;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.eligibility.ComplianceProfile;
import io.outdial.contract.events.RetryRule;

/** The project's own request rules, checked by a plain validator: field names as the API answers them. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RequestConstraintsTest {

    private static CreateCampaign create(String name, List<String> fromNumberIds, String scheduledStartAt, String start,
            String end, String zone, Map<String, Object> settings, Map<String, RetryRule> retryRules) {
        return new CreateCampaign(null, null, null, fromNumberIds, name, null, scheduledStartAt, start, end, zone, null, null,
                null, settings, null, null, retryRules, null, null, null, null);
    }

    private static CreateCampaign named(String name) {
        return create(name, null, null, null, null, null, null, null);
    }

    private static CreateCampaign window(String start, String end, String zone) {
        return create("w", null, null, start, end, zone, null, null);
    }

    private static PatchCampaign patchWindow(String start, String end) {
        return new PatchCampaign(null, null, null, null, null, null, start, end, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static CreateCampaign rules(Map<String, RetryRule> rules) {
        return create("r", null, null, null, null, null, null, rules);
    }

    @Test
    void aNameIsRequiredAndBounded() {
        assertEquals(List.of(), errors(named("Spring renewals")));
        assertEquals(List.of(new FieldError("name", "is required")), errors(named(null)));
        assertEquals(List.of("name"), fields(named("  ")));
        assertEquals(List.of(new FieldError("name", "must be at most 200 characters")), errors(named("n".repeat(201))));
    }

    @Test
    void windowEndsMustDifferCountingTheDefaults() {
        assertEquals(List.of(), errors(window("22:00", "02:00", "America/Boise")));
        assertEquals(List.of(new FieldError("callWindowEnd", "must differ from callWindowStart")),
                errors(window("10:00", "10:00", null)));
        // The default window is 09:00-17:00: a start of 17:00 alone meets the default end.
        assertEquals(List.of("callWindowEnd"), fields(window("17:00", null, null)));
        assertEquals(List.of("callWindowEnd"), fields(window(null, "09:00", null)));
    }

    @Test
    void aPatchChecksItsWindowEndsOnlyWhenItGivesBoth() {
        assertEquals(List.of(), errors(patchWindow("17:00", null)));
        assertEquals(List.of("callWindowEnd"), fields(patchWindow("08:00", "08:00")));
    }

    @Test
    void windowTimesAreHoursAndMinutes() {
        for (String bad : List.of("25:00", "9:00", "09:60", "0900", "", "24:00", "noon")) {
            assertEquals(List.of("callWindowStart"), fields(window(bad, "23:00", null)), bad);
        }
        assertEquals(List.of(), errors(window("00:00", "23:59", null)));
    }

    @Test
    void windowTimezonesAreIanaRegions() {
        for (String bad : List.of("Mars/Olympus", "EST", "+02:00", "", "UTC")) {
            assertEquals(List.of("callWindowTimezone"), fields(window(null, null, bad)), bad);
        }
        assertEquals(List.of(), errors(window(null, null, "America/Argentina/Buenos_Aires")));
    }

    @Test
    void scheduledStartNeedsAnOffset() {
        assertEquals(List.of(), errors(create("s", null, "2026-05-01T09:00:00+02:00", null, null, null, null, null)));
        for (String bad : List.of("2026-05-01T09:00:00", "tomorrow", "2026-13-01T00:00:00Z")) {
            assertEquals(List.of("scheduledStartAt"), fields(create("s", null, bad, null, null, null, null, null)), bad);
        }
    }

    @Test
    void callerIdsAreIdsListedOnceEachReportedAtItsIndex() {
        String id = UUID.randomUUID().toString();
        assertEquals(List.of(new FieldError("fromNumberIds[1]", "must be a phone number id"),
                new FieldError("fromNumberIds[2]", "is listed twice")),
                errors(create("c", List.of(id, "abc", id), null, null, null, null, null, null)));
        assertEquals(List.of("fromNumberIds[0]"),
                fields(create("c", Arrays.asList((String) null), null, null, null, null, null, null)));
        List<String> many = java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).limit(101).toList();
        assertEquals(List.of(new FieldError("fromNumberIds", "must have at most 100 numbers")),
                errors(create("c", many, null, null, null, null, null, null)));
    }

    @Test
    void settingsAreBoundedAsJson() {
        assertEquals(List.of(), errors(create("s", null, null, null, null, null, Map.of("greeting", "hi"), null)));
        assertEquals(List.of(new FieldError("settings", "must be at most 64 KB of JSON")),
                errors(create("s", null, null, null, null, null, Map.of("blob", "x".repeat(70_000)), null)));
    }

    @Test
    void retryRulesNameOnlyRetryableOutcomesWithNumbersInRange() {
        Map<String, RetryRule> good = new LinkedHashMap<>();
        good.put("busy", new RetryRule(10, 3));
        good.put("voicemail", new RetryRule(null, 1));
        assertEquals(List.of(), errors(rules(good)));

        assertEquals(List.of("retryRules.answered"), fields(rules(Map.of("answered", new RetryRule(5, null)))));
        assertEquals(List.of("retryRules.config_error"), fields(rules(Map.of("config_error", new RetryRule(null, 2)))));
        var unknown = errors(rules(Map.of("bussy", new RetryRule(5, null))));
        assertEquals("retryRules.bussy", unknown.get(0).field());
        assertEquals("is not an outcome; retryable outcomes: voicemail, no_answer, busy, error, abandoned, carrier_error",
                unknown.get(0).message());
        Map<String, RetryRule> nullRule = new HashMap<>();
        nullRule.put("busy", null);
        assertEquals(List.of("retryRules.busy"), fields(rules(nullRule)));
        assertEquals(List.of(new FieldError("retryRules.busy.delayMinutes", "must be between 0 and 43200"),
                new FieldError("retryRules.busy.maxAttempts", "must be between 1 and 21")),
                errors(rules(Map.of("busy", new RetryRule(-1, 0)))));
    }

    @Test
    void numbersAreInTheirRanges() {
        var body = new CreateCampaign(null, null, null, null, "n", null, null, null, null, null, 0, 21, -5, null, 14, 0, null, null, null,
                null, null);
        assertEquals(List.of(new FieldError("maxCallDurationSeconds", "must be between 10 and 14400"),
                new FieldError("maxConcurrentCalls", "must be between 1 and 10000"),
                new FieldError("maxRetries", "must be between 0 and 20"),
                new FieldError("retryDelayMinutes", "must be between 0 and 43200"),
                new FieldError("ringTimeoutSeconds", "must be between 15 and 120")), errors(body));
    }

    @Test
    void aPatchMayChangeStatusOnlyToPausedRunningOrCancelled() {
        for (String status : List.of("paused", "running", "cancelled")) {
            assertEquals(List.of(), errors(patchStatus(status)), status);
        }
        for (String status : List.of("completed", "draft", "PAUSED", "")) {
            assertEquals(List.of("status"), fields(patchStatus(status)), status);
        }
    }

    private static PatchCampaign patchStatus(String status) {
        return new PatchCampaign(null, null, null, null, null, null, null, null, null, null, null, null, null, status, null,
                null, null, null, null, null, null);
    }

    private static CreateCampaign compliance(String profile, Boolean optOut) {
        return new CreateCampaign(null, null, null, null, "c", null, null, null, null, null, null, null, null, null, null,
                null, null, profile, optOut, null, null);
    }

    private static PatchCampaign patchCompliance(String profile, Boolean optOut) {
        return new PatchCampaign(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, profile, optOut, null, null);
    }

    @Test
    void complianceProfileNoneNeedsTheOptOut() {
        assertEquals(List.of(), errors(compliance(null, null)));
        assertEquals(List.of(), errors(compliance("us_tcpa", null)));
        assertEquals(List.of(), errors(compliance("none", true)));
        // The field the domain rule names (ComplianceProfile.validate is the one place of this rule).
        String field = ComplianceProfile.validate("none", false).orElseThrow().field();
        assertEquals(List.of(field), fields(compliance("none", null)));
        assertEquals(List.of(field), fields(compliance("none", false)));
        assertEquals(List.of("complianceProfile"), fields(compliance("US_TCPA", null)));
        assertEquals(List.of("complianceProfile"), fields(compliance("tcpa", true)));
    }

    @Test
    void aPatchChecksTheComplianceMembersItGives() {
        // Only the profile: its opt-out may be stored, so the pair is checked when the patch applies.
        assertEquals(List.of(), errors(patchCompliance("none", null)));
        assertEquals(List.of(), errors(patchCompliance(null, false)));
        assertEquals(List.of("complianceProfile"), fields(patchCompliance("strict", null)));
        assertEquals(List.of(ComplianceProfile.validate("none", false).orElseThrow().field()),
                fields(patchCompliance("none", false)));
    }

    @Test
    void runLimitAndItsAliasMustAgree() {
        assertEquals(List.of(), errors(new RunCampaign("acme", 5, 5, null)));
        assertEquals(List.of(), errors(new RunCampaign("acme", null, 7, true)));
        assertEquals(List.of(new FieldError("maxCalls", "is another name for limit and differs from it; give one of them")),
                errors(new RunCampaign("acme", 5, 6, null)));
        assertEquals(List.of("limit"), fields(new RunCampaign("acme", 0, null, null)));
        assertEquals(List.of("maxCalls"), fields(new RunCampaign("acme", null, -3, null)));
        assertEquals(List.of("accountSlug"), fields(new RunCampaign(null, null, null, null)));
    }

    @Test
    void aCallerIdIsADialableNumberReadInTheDefaultCountry() {
        assertEquals(List.of(), errors(new CreatePhoneNumber("+12025550100", null, null)));
        assertEquals(List.of(), errors(new CreatePhoneNumber("(202) 555-0100", "main line", "US")));
        assertEquals(List.of(new FieldError("number", "is not a valid phone number (use E.164, e.g. +12025550123)")),
                errors(new CreatePhoneNumber("12345", null, null)));
        assertEquals(List.of(new FieldError("number", "is required")), errors(new CreatePhoneNumber(" ", null, null)));
        assertEquals(List.of("defaultCountry", "number"), fields(new CreatePhoneNumber("(202) 555-0100", null, "XX")));
        assertEquals(List.of("label"), fields(new CreatePhoneNumber("+12025550100", "l".repeat(201), null)));
    }

    @Test
    void anApiKeyNamesItsTeamAndAccount() {
        assertEquals(List.of(), errors(new CreateApiKey("team", "acme", null, null)));
        assertEquals(List.of(), errors(new CreateApiKey("team", "acme", "ci", "2030-01-01T00:00:00+02:00")));
        assertEquals(List.of("accountSlug", "teamId"), fields(new CreateApiKey(" ", null, null, null)));
        assertEquals(List.of("expiresAt"), fields(new CreateApiKey("team", "acme", null, "2030-01-01T00:00:00")),
                "an expiry without an offset is ambiguous");
    }

    @Test
    void aRotationTakesAGraceOfZeroOrMoreSeconds() {
        assertEquals(List.of(), errors(new RotateApiKey(null, null)));
        assertEquals(List.of(), errors(new RotateApiKey(0L, "2030-01-01T00:00:00Z")));
        assertEquals(List.of(new FieldError("graceSeconds", "must be at least 0")), errors(new RotateApiKey(-1L, null)));
        assertEquals(List.of("expiresAt"), fields(new RotateApiKey(60L, "tomorrow")));
    }
}
