package io.outdial.campaign.domain.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.domain.ContactDraft.Violation;
import io.outdial.campaign.domain.eligibility.EligibilityDecision.Eligible;
import io.outdial.campaign.domain.eligibility.EligibilityDecision.Never;
import io.outdial.campaign.domain.eligibility.EligibilityDecision.NotYet;
import io.outdial.contract.CallWindow;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EligibilityTest {

    static final Eligibility ELIGIBILITY = Eligibility.withBundledRules();

    static final String NEW_YORK = "+12125550100";
    static final String FLORIDA = "+13055550100";
    static final String PHOENIX = "+16025550100";
    static final String DENVER = "+13035550100";
    static final String HONOLULU = "+18085550100";
    /** Idaho: libphonenumber gives America/Boise and America/Los_Angeles. */
    static final String IDAHO = "+12085550100";
    /** US toll-free: libphonenumber gives all 42 zones of +1 numbers, Pacific/Guam (UTC+10) to Pacific/Pago_Pago (UTC-11). */
    static final String TOLL_FREE = "+18005550100";
    /** Iridium satellite: valid, but libphonenumber knows no zone ("Etc/Unknown"). */
    static final String SATELLITE = "+881612345678";

    static final ZoneId NY = ZoneId.of("America/New_York");

    /** Open all day but 23:59–00:00 in Kolkata, mid-day in the Americas, so legal hours decide. */
    static final CallWindow ALMOST_ALWAYS = CallWindow.of("00:00", "23:59", "Asia/Kolkata");

    static Instant at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    static ContactFacts contact(String phone) {
        return new ContactFacts(phone, null, null, false, ConsentType.NONE);
    }

    static CampaignFacts tcpa(CallWindow window) {
        return new CampaignFacts(window, ComplianceProfile.US_TCPA, false);
    }

    static final TeamFacts NO_TEAM_RULES = new TeamFacts(false, null);

    static EligibilityDecision decide(String phone, Instant now) {
        return ELIGIBILITY.decide(contact(phone), tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, DialHistory.NONE, now);
    }

    static NotYet waitsUntil(Instant next, WaitReason reason) {
        return new NotYet(next, reason);
    }

    static final Eligible ELIGIBLE = new Eligible();

    @Nested
    class LocalHours {

        @Test
        void newYorkOpensAt0800AndClosesAt2100() {
            String day = "2026-06-10T";
            assertEquals(waitsUntil(at(day + "08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(NEW_YORK, at(day + "07:59", "America/New_York")));
            assertEquals(ELIGIBLE, decide(NEW_YORK, at(day + "08:00", "America/New_York")));
            assertEquals(ELIGIBLE, decide(NEW_YORK, at(day + "20:59", "America/New_York")));
            assertEquals(waitsUntil(at("2026-06-11T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(NEW_YORK, at(day + "21:00", "America/New_York")));
        }

        @Test
        void floridaClosesAt2000() {
            assertEquals(ELIGIBLE, decide(FLORIDA, at("2026-06-10T19:59", "America/New_York")));
            assertEquals(waitsUntil(at("2026-06-11T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(FLORIDA, at("2026-06-10T20:00", "America/New_York")));
        }

        @Test
        void aContactsOwnStateAppliesItsRulesToANumberFromElsewhere() {
            Instant evening = at("2026-06-10T20:30", "America/New_York");
            for (String state : List.of("FL", "OK", "MD", "US-MD")) {
                var contact = new ContactFacts(NEW_YORK, null, state, false, ConsentType.NONE);
                assertEquals(waitsUntil(at("2026-06-11T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                        ELIGIBILITY.decide(contact, tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, DialHistory.NONE, evening), state);
            }
        }

        @Test
        void aContactsOwnTimezoneReplacesTheNumbersZones() {
            var inLosAngeles = new ContactFacts(NEW_YORK, "America/Los_Angeles", null, false, ConsentType.NONE);
            Instant nineInNewYork = at("2026-06-10T09:00", "America/New_York");
            assertEquals(waitsUntil(at("2026-06-10T08:00", "America/Los_Angeles"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    ELIGIBILITY.decide(inLosAngeles, tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, DialHistory.NONE, nineInNewYork));
        }

        @Test
        void phoenixKeepsStandardTimeWhileDenverSpringsForward() {
            // Saturday 7 March 2026: both on MST, 08:00 at 15:00Z.
            assertEquals(ELIGIBLE, decide(DENVER, utc("2026-03-07T15:00:00Z")));
            assertEquals(ELIGIBLE, decide(PHOENIX, utc("2026-03-07T15:00:00Z")));
            // Monday 9 March: Denver on MDT opens at 14:00Z, Phoenix still at 15:00Z.
            assertEquals(ELIGIBLE, decide(DENVER, utc("2026-03-09T14:00:00Z")));
            assertEquals(waitsUntil(utc("2026-03-09T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(PHOENIX, utc("2026-03-09T14:00:00Z")));
            // Closed Saturday 21:00 MST; the next opening is Sunday 08:00, already MDT.
            assertEquals(waitsUntil(utc("2026-03-08T14:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(DENVER, utc("2026-03-08T04:00:00Z")));
            assertEquals(waitsUntil(utc("2026-03-08T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(PHOENIX, utc("2026-03-08T04:00:00Z")));
        }

        @Test
        void phoenixAndDenverMeetAgainWhenDenverFallsBack() {
            // Saturday 31 October 2026: Denver on MDT opens an hour before Phoenix.
            assertEquals(ELIGIBLE, decide(DENVER, utc("2026-10-31T14:00:00Z")));
            assertEquals(waitsUntil(utc("2026-10-31T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(PHOENIX, utc("2026-10-31T14:00:00Z")));
            // Closed Saturday 21:00 MDT (03:00Z); Sunday 1 November opens at 08:00 MST = 15:00Z.
            assertEquals(waitsUntil(utc("2026-11-01T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(DENVER, utc("2026-11-01T03:00:00Z")));
            assertEquals(ELIGIBLE, decide(PHOENIX, utc("2026-11-02T15:00:00Z")));
            assertEquals(ELIGIBLE, decide(DENVER, utc("2026-11-02T15:00:00Z")));
            assertEquals(waitsUntil(utc("2026-11-02T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(DENVER, utc("2026-11-02T14:59:00Z")));
        }

        @Test
        void honoluluHasNoDst() {
            for (String date : List.of("2026-01-15", "2026-07-15")) {
                assertEquals(waitsUntil(utc(date + "T18:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                        decide(HONOLULU, utc(date + "T17:59:00Z")));
                assertEquals(ELIGIBLE, decide(HONOLULU, utc(date + "T18:00:00Z")));
            }
        }
    }

    @Nested
    class SeveralZones {

        @Test
        void idahoIsCallableOnlyWhenBoiseAndLosAngelesBothAllow() {
            // June: Boise UTC-6, Los Angeles UTC-7; 08:00 in Los Angeles (15:00Z) to 21:00 in Boise (03:00Z).
            assertEquals(waitsUntil(utc("2026-06-10T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(IDAHO, at("2026-06-10T08:00", "America/Boise")));
            assertEquals(ELIGIBLE, decide(IDAHO, utc("2026-06-10T15:00:00Z")));
            assertEquals(ELIGIBLE, decide(IDAHO, utc("2026-06-11T02:59:00Z")));
            assertEquals(waitsUntil(utc("2026-06-11T15:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(IDAHO, at("2026-06-10T20:00", "America/Los_Angeles")));
        }

        @Test
        void tollFreeIsCallableOnlyInTheHoursAll42ZonesShare() {
            // January: Guam (UTC+10) opens at 22:00Z, St. John's (UTC-3:30) closes at 00:30Z.
            assertEquals(waitsUntil(utc("2026-01-15T22:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(TOLL_FREE, utc("2026-01-15T21:59:00Z")));
            assertEquals(ELIGIBLE, decide(TOLL_FREE, utc("2026-01-15T22:00:00Z")));
            assertEquals(ELIGIBLE, decide(TOLL_FREE, utc("2026-01-16T00:29:00Z")));
            assertEquals(waitsUntil(utc("2026-01-16T22:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(TOLL_FREE, utc("2026-01-16T00:30:00Z")));
            // July: St. John's on daylight time (UTC-2:30) closes at 23:30Z.
            assertEquals(ELIGIBLE, decide(TOLL_FREE, utc("2026-07-15T23:29:00Z")));
            assertEquals(waitsUntil(utc("2026-07-16T22:00:00Z"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decide(TOLL_FREE, utc("2026-07-15T23:30:00Z")));
        }

        @Test
        void aNumberWithoutAKnownZoneWaitsWithoutATime() {
            assertEquals(waitsUntil(null, WaitReason.TIMEZONE_UNKNOWN), decide(SATELLITE, utc("2026-06-10T15:00:00Z")));
            var located = new ContactFacts(SATELLITE, "Europe/Berlin", null, false, ConsentType.NONE);
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(located, tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, DialHistory.NONE,
                    utc("2026-06-10T15:00:00Z")));
        }
    }

    @Nested
    class CampaignWindow {

        @Test
        void aWindowCrossingMidnightIsOpenOnBothSidesOfIt() {
            var lateEvenings = tcpa(CallWindow.of("22:00", "02:00", "America/Los_Angeles"));
            var honolulu = contact(HONOLULU);
            // 22:00 in Los Angeles is 19:00 in Honolulu; at midnight in Los Angeles Honolulu's hours are over.
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(honolulu, lateEvenings, NO_TEAM_RULES, DialHistory.NONE,
                    at("2026-06-10T22:00", "America/Los_Angeles")));
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(honolulu, lateEvenings, NO_TEAM_RULES, DialHistory.NONE,
                    at("2026-06-10T23:59", "America/Los_Angeles")));
            assertEquals(waitsUntil(at("2026-06-11T22:00", "America/Los_Angeles"), WaitReason.CAMPAIGN_WINDOW),
                    ELIGIBILITY.decide(honolulu, lateEvenings, NO_TEAM_RULES, DialHistory.NONE,
                            at("2026-06-11T00:00", "America/Los_Angeles")));

            var noRules = new CampaignFacts(CallWindow.of("22:00", "02:00", "America/New_York"), ComplianceProfile.NONE, false);
            var newYork = contact(NEW_YORK);
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(newYork, noRules, NO_TEAM_RULES, DialHistory.NONE,
                    at("2026-06-11T01:59", "America/New_York")));
            assertEquals(waitsUntil(at("2026-06-11T22:00", "America/New_York"), WaitReason.CAMPAIGN_WINDOW),
                    ELIGIBILITY.decide(newYork, noRules, NO_TEAM_RULES, DialHistory.NONE, at("2026-06-11T02:00", "America/New_York")));
        }

        @Test
        void theWaitReasonNamesWhatOpensLast() {
            // 07:00 in New York: the campaign's 09:00 Los Angeles start (12:00 in New York) opens after the legal 08:00.
            var laMornings = tcpa(CallWindow.of("09:00", "12:00", "America/Los_Angeles"));
            assertEquals(waitsUntil(at("2026-06-10T09:00", "America/Los_Angeles"), WaitReason.CAMPAIGN_WINDOW),
                    ELIGIBILITY.decide(contact(NEW_YORK), laMornings, NO_TEAM_RULES, DialHistory.NONE,
                            at("2026-06-10T07:00", "America/New_York")));
            // A New York campaign open from 06:00: at 06:00 its window is open, legal hours are what it waits for.
            var earlyMornings = tcpa(CallWindow.of("06:00", "12:00", "America/New_York"));
            assertEquals(waitsUntil(at("2026-06-10T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    ELIGIBILITY.decide(contact(NEW_YORK), earlyMornings, NO_TEAM_RULES, DialHistory.NONE,
                            at("2026-06-10T06:00", "America/New_York")));
        }

        @Test
        void aWindowStartingInTheSpringForwardGapOpensWhenTheClockJumpsIntoIt() {
            // 8 March 2026 in New York: 01:59:59 EST is followed by 03:00 EDT, inside 02:30–03:30.
            var gapWindow = new CampaignFacts(CallWindow.of("02:30", "03:30", "America/New_York"), ComplianceProfile.NONE, false);
            assertEquals(waitsUntil(utc("2026-03-08T07:00:00Z"), WaitReason.CAMPAIGN_WINDOW),
                    ELIGIBILITY.decide(contact(NEW_YORK), gapWindow, NO_TEAM_RULES, DialHistory.NONE, utc("2026-03-08T06:00:00Z")));
        }

        @Test
        void aWindowInsideTheRepeatedFallBackHourOpensTwice() {
            // 1 November 2026 in New York: 01:30 occurs at 05:30Z (EDT) and again at 06:30Z (EST).
            var repeated = new CampaignFacts(CallWindow.of("01:30", "01:45", "America/New_York"), ComplianceProfile.NONE, false);
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(contact(NEW_YORK), repeated, NO_TEAM_RULES, DialHistory.NONE,
                    utc("2026-11-01T05:30:00Z")));
            assertEquals(waitsUntil(utc("2026-11-01T06:30:00Z"), WaitReason.CAMPAIGN_WINDOW),
                    ELIGIBILITY.decide(contact(NEW_YORK), repeated, NO_TEAM_RULES, DialHistory.NONE, utc("2026-11-01T05:45:00Z")));
        }

        @Test
        void aWindowThatNeverMeetsLegalHoursGivesNoTime() {
            var nights = tcpa(CallWindow.of("02:00", "04:00", "America/New_York"));
            assertEquals(waitsUntil(null, WaitReason.CAMPAIGN_WINDOW), ELIGIBILITY.decide(contact(NEW_YORK), nights,
                    NO_TEAM_RULES, DialHistory.NONE, at("2026-06-10T12:00", "America/New_York")));
        }
    }

    @Nested
    class FrequencyCap {

        final Instant noon = at("2026-06-10T12:00", "America/New_York");
        final List<Instant> threeToday = List.of(noon.minusSeconds(3 * 3600), noon.minusSeconds(2 * 3600), noon.minusSeconds(3600));

        EligibilityDecision decideWith(String phone, TeamFacts team, List<Instant> attempts, Instant now) {
            return ELIGIBILITY.decide(contact(phone), tcpa(ALMOST_ALWAYS), team, new DialHistory(attempts, null), now);
        }

        @Test
        void floridaAllowsThreeAttemptsIn24Hours() {
            assertEquals(ELIGIBLE, decideWith(FLORIDA, NO_TEAM_RULES, threeToday.subList(0, 2), noon));
            assertEquals(waitsUntil(threeToday.get(0).plusSeconds(24 * 3600), WaitReason.FREQUENCY_CAP),
                    decideWith(FLORIDA, NO_TEAM_RULES, threeToday, noon));
            assertEquals(ELIGIBLE, decideWith(FLORIDA, NO_TEAM_RULES, threeToday, threeToday.get(0).plusSeconds(24 * 3600)));
        }

        @Test
        void newYorkHasNoCapByDefault() {
            assertEquals(ELIGIBLE, decideWith(NEW_YORK, NO_TEAM_RULES, threeToday, noon));
        }

        @Test
        void aLowerTeamCapApplies() {
            assertEquals(waitsUntil(threeToday.get(1).plusSeconds(24 * 3600), WaitReason.FREQUENCY_CAP),
                    decideWith(NEW_YORK, new TeamFacts(false, 2), threeToday, noon));
            // A higher team cap does not lift Florida's.
            assertEquals(waitsUntil(threeToday.get(0).plusSeconds(24 * 3600), WaitReason.FREQUENCY_CAP),
                    decideWith(FLORIDA, new TeamFacts(false, 5), threeToday, noon));
        }

        @Test
        void whenTheCapLiftsOutsideLocalHoursTheContactWaitsForThem() {
            // Attempts at 07:00–07:10 (say, from a campaign without rules) lift the cap at 07:00 tomorrow.
            Instant early = at("2026-06-10T07:00", "America/New_York");
            List<Instant> earlyAttempts = List.of(early, early.plusSeconds(300), early.plusSeconds(600));
            assertEquals(waitsUntil(at("2026-06-11T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    decideWith(FLORIDA, NO_TEAM_RULES, earlyAttempts, noon));
            // Attempts in the evening lift it tomorrow evening, within Florida's hours.
            Instant evening = at("2026-06-10T19:30", "America/New_York");
            List<Instant> lateAttempts = List.of(evening.minusSeconds(180), evening.minusSeconds(120), evening.minusSeconds(60));
            assertEquals(waitsUntil(lateAttempts.get(0).plusSeconds(24 * 3600), WaitReason.FREQUENCY_CAP),
                    decideWith(FLORIDA, NO_TEAM_RULES, lateAttempts, evening));
        }

        @Test
        void attemptsOlderThan24HoursDoNotCount() {
            List<Instant> yesterday = threeToday.stream().map(attempt -> attempt.minusSeconds(24 * 3600)).toList();
            assertEquals(ELIGIBLE, decideWith(FLORIDA, NO_TEAM_RULES, yesterday, noon));
        }
    }

    @Nested
    class RetryDelay {

        @Test
        void aRetryWaitsForItsTimeAndThenForLocalHours() {
            Instant noon = at("2026-06-10T12:00", "America/New_York");
            Instant inTwoHours = noon.plusSeconds(2 * 3600);
            assertEquals(waitsUntil(inTwoHours, WaitReason.RETRY_DELAY), ELIGIBILITY.decide(contact(NEW_YORK),
                    tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, new DialHistory(List.of(), inTwoHours), noon));
            Instant lateRetry = at("2026-06-10T22:00", "America/New_York");
            assertEquals(waitsUntil(at("2026-06-11T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    ELIGIBILITY.decide(contact(NEW_YORK), tcpa(ALMOST_ALWAYS), NO_TEAM_RULES,
                            new DialHistory(List.of(), lateRetry), noon));
        }

        @Test
        void aRetryDueInAWeekIsFoundWithinTheSearch() {
            Instant noon = at("2026-06-10T12:00", "America/New_York");
            Instant nextWeekLate = at("2026-06-17T22:00", "America/New_York");
            assertEquals(waitsUntil(at("2026-06-18T08:00", "America/New_York"), WaitReason.OUTSIDE_LOCAL_HOURS),
                    ELIGIBILITY.decide(contact(NEW_YORK), tcpa(ALMOST_ALWAYS), NO_TEAM_RULES,
                            new DialHistory(List.of(), nextWeekLate), noon));
        }
    }

    @Nested
    class NeverCalled {

        final Instant noon = at("2026-06-10T12:00", "America/New_York");

        @Test
        void theTeamsListAndTheContactsFlagSkip() {
            assertEquals(new Never(SkipReason.DNC_LIST), ELIGIBILITY.decide(contact(NEW_YORK), tcpa(ALMOST_ALWAYS),
                    new TeamFacts(true, null), DialHistory.NONE, noon));
            var flagged = new ContactFacts(NEW_YORK, null, null, true, ConsentType.EXPRESS_WRITTEN);
            assertEquals(new Never(SkipReason.CONTACT_DNC), ELIGIBILITY.decide(flagged, tcpa(ALMOST_ALWAYS), NO_TEAM_RULES,
                    DialHistory.NONE, noon));
            assertEquals(new Never(SkipReason.DNC_LIST), ELIGIBILITY.decide(flagged, tcpa(ALMOST_ALWAYS),
                    new TeamFacts(true, null), DialHistory.NONE, noon));
        }

        @Test
        void aCampaignRequiringConsentSkipsContactsWithoutExpressConsent() {
            var requiresConsent = new CampaignFacts(ALMOST_ALWAYS, ComplianceProfile.US_TCPA, true);
            assertEquals(new Never(SkipReason.NO_CONSENT), ELIGIBILITY.decide(contact(NEW_YORK), requiresConsent,
                    NO_TEAM_RULES, DialHistory.NONE, noon));
            for (ConsentType consent : List.of(ConsentType.EXPRESS, ConsentType.EXPRESS_WRITTEN)) {
                var consenting = new ContactFacts(NEW_YORK, null, null, false, consent);
                assertEquals(ELIGIBLE, ELIGIBILITY.decide(consenting, requiresConsent, NO_TEAM_RULES, DialHistory.NONE, noon));
            }
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(contact(NEW_YORK), tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, DialHistory.NONE, noon));
        }

        @Test
        void anInvalidNumberSkips() {
            for (String phone : List.of("+15555550100", "12", "not a number", "")) {
                assertEquals(new Never(SkipReason.INVALID_NUMBER), decide(phone, noon), phone);
            }
            assertEquals(new Never(SkipReason.INVALID_NUMBER), ELIGIBILITY.decide(new ContactFacts(null, null, null, false, null),
                    tcpa(ALMOST_ALWAYS), NO_TEAM_RULES, DialHistory.NONE, noon));
        }
    }

    @Nested
    class ProfileNone {

        final CampaignFacts optedOut = new CampaignFacts(ALMOST_ALWAYS, ComplianceProfile.NONE, false);

        @Test
        void onlyTheCampaignWindowAndSuppressionApply() {
            Instant sixInNewYork = at("2026-06-10T06:00", "America/New_York");
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(contact(FLORIDA), optedOut, NO_TEAM_RULES, DialHistory.NONE, sixInNewYork));
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(contact(SATELLITE), optedOut, NO_TEAM_RULES, DialHistory.NONE, sixInNewYork));
            var fourToday = new DialHistory(List.of(sixInNewYork.minusSeconds(60), sixInNewYork.minusSeconds(120),
                    sixInNewYork.minusSeconds(180), sixInNewYork.minusSeconds(240)), null);
            assertEquals(ELIGIBLE, ELIGIBILITY.decide(contact(FLORIDA), optedOut, NO_TEAM_RULES, fourToday, sixInNewYork));
            assertEquals(new Never(SkipReason.DNC_LIST), ELIGIBILITY.decide(contact(FLORIDA), optedOut,
                    new TeamFacts(true, null), DialHistory.NONE, sixInNewYork));
            assertEquals(new Never(SkipReason.NO_CONSENT), ELIGIBILITY.decide(contact(FLORIDA),
                    new CampaignFacts(ALMOST_ALWAYS, ComplianceProfile.NONE, true), NO_TEAM_RULES, DialHistory.NONE, sixInNewYork));
        }

        @Test
        void theTeamsOwnCapStillApplies() {
            Instant now = at("2026-06-10T06:00", "America/New_York");
            var twoToday = new DialHistory(List.of(now.minusSeconds(7200), now.minusSeconds(3600)), null);
            assertEquals(waitsUntil(now.minusSeconds(7200).plusSeconds(24 * 3600), WaitReason.FREQUENCY_CAP),
                    ELIGIBILITY.decide(contact(FLORIDA), optedOut, new TeamFacts(false, 2), twoToday, now));
        }

        @Test
        void validationRequiresTheOptOutForProfileNone() {
            assertEquals(Optional.empty(), ComplianceProfile.validate(null, null));
            assertEquals(Optional.empty(), ComplianceProfile.validate("us_tcpa", null));
            assertEquals(Optional.empty(), ComplianceProfile.validate("none", true));
            for (Boolean optOut : new Boolean[] {null, false}) {
                Optional<Violation> violation = ComplianceProfile.validate("none", optOut);
                assertEquals("complianceOptOut", violation.orElseThrow().field());
                assertTrue(violation.get().message().contains("complianceProfile is none"), violation.get().message());
            }
            assertEquals("complianceProfile", ComplianceProfile.validate("US_TCPA", true).orElseThrow().field());
            assertEquals("complianceProfile", ComplianceProfile.validate("gdpr", null).orElseThrow().field());
        }
    }

    @Test
    void wireNamesAreTheApis() {
        assertEquals(List.of("retry_delay", "frequency_cap", "campaign_window", "outside_local_hours", "timezone_unknown"),
                Arrays.stream(WaitReason.values()).map(WaitReason::wireName).toList());
        assertEquals(List.of("dnc_list", "contact_dnc", "no_consent", "invalid_number"),
                Arrays.stream(SkipReason.values()).map(SkipReason::wireName).toList());
        assertEquals(ConsentType.EXPRESS_WRITTEN, ConsentType.fromWire("express_written"));
        assertEquals(ConsentType.NONE, ConsentType.fromWire(null));
        assertEquals(ComplianceProfile.US_TCPA, CampaignFacts.of("09:00", "17:00", "America/New_York", null, false).profile());
        assertEquals("v1", ELIGIBILITY.rulesVersion());
    }
}
