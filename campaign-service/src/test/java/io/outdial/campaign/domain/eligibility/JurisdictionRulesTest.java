package io.outdial.campaign.domain.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.outdial.campaign.domain.eligibility.EligibilityDecision.NotYet;
import io.outdial.campaign.domain.eligibility.JurisdictionRules.InvalidRulesException;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JurisdictionRulesTest {

    private static final LocalHours EIGHT_TO_NINE = new LocalHours(LocalTime.of(8, 0), LocalTime.of(21, 0));
    private static final LocalHours EIGHT_TO_EIGHT = new LocalHours(LocalTime.of(8, 0), LocalTime.of(20, 0));

    /** A valid file with one jurisdiction; tests break one part of it (JSON with ' for ", for legibility). */
    private static final String VALID = """
            {'version': 'test-1',
             'profiles': {'us_tcpa': {
               'default': {'localHours': {'start': '08:00', 'end': '21:00'}, 'source': '47 CFR 64.1200(c)(1)'},
               'jurisdictions': {
                 'US-TX': {'localHours': {'start': '09:00', 'end': '21:00'}, 'maxAttemptsPer24h': 2, 'source': 'test'}}}}}
            """;

    private static JurisdictionRules parse(String singleQuotedJson) {
        return JurisdictionRules.parse(singleQuotedJson.replace('\'', '"'), "test.json");
    }

    @Test
    void theBundledFileHasTheFederalDefaultAndTheStricterStates() {
        JurisdictionRules rules = JurisdictionRules.bundled();
        assertEquals("v1", rules.version());
        var tcpa = rules.ruleSetFor(ComplianceProfile.US_TCPA).orElseThrow();
        assertEquals(new JurisdictionRule("default", EIGHT_TO_NINE, null, "47 CFR 64.1200(c)(1)"), tcpa.defaultRule());
        for (String state : List.of("US-FL", "US-OK", "US-MD")) {
            JurisdictionRule rule = tcpa.bySubdivision().get(state);
            assertEquals(EIGHT_TO_EIGHT, rule.localHours(), state);
            assertEquals(3, rule.maxAttemptsPer24h(), state);
        }
        assertEquals(3, tcpa.bySubdivision().size());
        assertTrue(rules.ruleSetFor(ComplianceProfile.NONE).isEmpty());
    }

    @Test
    void aJurisdictionAddedToTheFileAppliesWithoutCode() {
        var eligibility = new Eligibility(parse(VALID));
        var dallas = new ContactFacts("+12145550100", null, null, false, ConsentType.NONE);
        var campaign = new CampaignFacts(EligibilityTest.ALMOST_ALWAYS, ComplianceProfile.US_TCPA, false);
        var eightInDallas = EligibilityTest.at("2026-06-10T08:00", "America/Chicago");
        assertEquals(new NotYet(EligibilityTest.at("2026-06-10T09:00", "America/Chicago"), WaitReason.OUTSIDE_LOCAL_HOURS),
                eligibility.decide(dallas, campaign, new TeamFacts(false, null), DialHistory.NONE, eightInDallas));
        var noonInDallas = EligibilityTest.at("2026-06-10T12:00", "America/Chicago");
        var twoToday = new DialHistory(List.of(noonInDallas.minusSeconds(7200), noonInDallas.minusSeconds(3600)), null);
        assertEquals(new NotYet(noonInDallas.minusSeconds(7200).plusSeconds(86_400), WaitReason.FREQUENCY_CAP),
                eligibility.decide(dallas, campaign, new TeamFacts(false, null), twoToday, noonInDallas));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'version': 'x', 'profiles': {                                             | is not valid JSON at line 1
            []                                                                         | the top level must be a JSON object
            {'profiles': {}}                                                           | version is required
            {'version': '', 'profiles': {}}                                            | version must be a non-blank string
            {'version': 'x', 'profiles': {}}                                           | profiles.us_tcpa is required
            {'version': 'x', 'profile': {}}                                            | profile is not a known field
            {'version': 'x', 'profiles': {'gdpr': {}}}                                 | profiles.gdpr is not a compliance profile
            {'version': 'x', 'profiles': {'none': {}}}                                 | profiles.none must not be given
            {'version': 'x', 'profiles': {'us_tcpa': {}}}                              | profiles.us_tcpa.default is required
            {'version': 'x', 'version': 'y', 'profiles': {}}                           | Duplicate field 'version'
            """)
    void aMalformedFileIsRefusedNamingWhatIsWrong(String json, String expected) {
        var error = assertThrows(InvalidRulesException.class, () -> parse(json));
        assertTrue(error.getMessage().startsWith("compliance rules test.json: "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            'start': '09:00'              | 'start': '9:00'              | profiles.us_tcpa.jurisdictions.US-TX.localHours.start must be a time as HH:MM
            'end': '21:00'}, 'max         | 'end': '24:00'}, 'max        | profiles.us_tcpa.jurisdictions.US-TX.localHours.end must be a time as HH:MM
            'end': '21:00'}, 'max         | 'end': '09:00'}, 'max        | profiles.us_tcpa.jurisdictions.US-TX.localHours.end must differ from start
            'maxAttemptsPer24h': 2        | 'maxAttemptsPer24h': 0       | profiles.us_tcpa.jurisdictions.US-TX.maxAttemptsPer24h must be a whole number of at least 1
            'maxAttemptsPer24h': 2        | 'maxAttemptsPer24h': '2'     | profiles.us_tcpa.jurisdictions.US-TX.maxAttemptsPer24h must be a whole number
            'maxAttemptsPer24h': 2        | 'maxAttemptsPer24h': 2.5     | profiles.us_tcpa.jurisdictions.US-TX.maxAttemptsPer24h must be a whole number
            'maxAttemptsPer24h': 2        | 'maxAttemptPer24h': 2        | profiles.us_tcpa.jurisdictions.US-TX.maxAttemptPer24h is not a known field
            'US-TX'                       | 'TX'                         | profiles.us_tcpa.jurisdictions.TX is not the ISO 3166-2 code
            'US-TX'                       | 'US-XX'                      | profiles.us_tcpa.jurisdictions.US-XX is not the ISO 3166-2 code
            , 'source': 'test'}           | }                            | profiles.us_tcpa.jurisdictions.US-TX.source is required
            {'start': '09:00', 'end': '21:00'} | '09:00-21:00'          | profiles.us_tcpa.jurisdictions.US-TX.localHours must be a JSON object
            """)
    void aMalformedRuleIsRefusedNamingItsPath(String valid, String broken, String expected) {
        assertTrue(VALID.contains(valid), valid);
        var error = assertThrows(InvalidRulesException.class, () -> parse(VALID.replace(valid, broken)));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
