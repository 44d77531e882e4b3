package io.outdial.campaign.domain.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.outdial.campaign.domain.eligibility.EligibilityDecision.Eligible;
import io.outdial.campaign.domain.eligibility.EligibilityDecision.NotYet;
import io.outdial.contract.CallWindow;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link Eligibility#decide} against an independent model of the rules (the bundled
 * file's US default 08:00–21:00, and 08:00–20:00 with at most 3 attempts in FL, OK and MD), over
 * every zone libphonenumber gives +1 numbers, random campaign windows and instants around DST
 * transitions. jqwik does not honour JUnit's {@code @Timeout}; its bounds here are the tries per
 * property and bounded shrinking.
 */
class EligibilityPropertiesTest {

    private static final Eligibility ELIGIBILITY = Eligibility.withBundledRules();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper NUMBER_ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

    private static final LocalHours US_DEFAULT = new LocalHours(LocalTime.of(8, 0), LocalTime.of(21, 0));
    private static final LocalHours STRICT_STATES = new LocalHours(LocalTime.of(8, 0), LocalTime.of(20, 0));
    private static final Set<String> STRICT_STATE_CODES = Set.of("FL", "OK", "MD");
    private static final int STRICT_STATE_CAP = 3;

    /** Numbers whose location comes from libphonenumber, with the state their area code is in (null: none). */
    private static final Map<String, String> NUMBER_STATES = Map.of(
            EligibilityTest.NEW_YORK, "NY", EligibilityTest.FLORIDA, "FL", "+14055550100", "OK", "+14105550100", "MD",
            EligibilityTest.IDAHO, "ID", "+19075550100", "AK", "+16055550100", "SD", EligibilityTest.HONOLULU, "HI",
            EligibilityTest.PHOENIX, "AZ", EligibilityTest.TOLL_FREE, "");

    /** Every zone the rules can produce: all of libphonenumber's +1 zones, and those of the states with rules. */
    private static final List<String> RULE_ZONES = ruleZones();
    /** Campaign window zones: the above, and some with southern or half-hour DST. */
    private static final List<String> WINDOW_ZONES = Stream.concat(RULE_ZONES.stream(),
            Stream.of("Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago", "Etc/UTC")).toList();
    /** US transitions, for zones without DST of their own. */
    private static final List<Instant> US_TRANSITIONS = transitions(List.of("America/New_York"), 2025, 2030);
    /** Every DST transition 2025–2030 of a campaign window zone, with its zone. */
    private static final List<ZoneTransition> WINDOW_ZONE_TRANSITIONS = WINDOW_ZONES.stream()
            .flatMap(zone -> transitions(List.of(zone), 2025, 2030).stream()
                    .map(instant -> new ZoneTransition(ZoneId.of(zone), instant)))
            .toList();

    record ZoneTransition(ZoneId zone, Instant instant) {
        /** The local time the clock showed just before the transition (02:00 in the US, both ways). */
        LocalTime localTimeBefore() {
            return LocalTime.ofInstant(instant.minusNanos(1), zone).plusNanos(1);
        }
    }

    private static List<String> ruleZones() {
        var zones = new TreeSet<>(NUMBER_ZONES.getTimeZonesForNumber(parse(EligibilityTest.TOLL_FREE)));
        zones.addAll(List.of("America/New_York", "America/Chicago")); // FL, OK, MD
        return List.copyOf(zones);
    }

    private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parse(String phone) {
        try {
            return PHONES.parse(phone, null);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Instant> transitions(List<String> zones, int fromYear, int toYear) {
        var instants = new TreeSet<Instant>();
        Instant end = ZonedDateTime.of(toYear + 1, 1, 1, 0, 0, 0, 0, ZoneId.of("Etc/UTC")).toInstant();
        for (String zone : zones) {
            var rules = ZoneId.of(zone).getRules();
            Instant from = ZonedDateTime.of(fromYear, 1, 1, 0, 0, 0, 0, ZoneId.of("Etc/UTC")).toInstant();
            for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(end);
                    t = rules.nextTransition(t.getInstant())) {
                instants.add(t.getInstant());
            }
        }
        return List.copyOf(instants);
    }

    private static List<Instant> transitionsOrUs(ZoneId zone) {
        List<Instant> own = transitions(List.of(zone.getId()), 2025, 2030);
        return own.isEmpty() ? US_TRANSITIONS : own;
    }

    /** One call of the function: what it is given. */
    record Scenario(ContactFacts contact, CampaignFacts campaign, TeamFacts team, DialHistory history, Instant now) {

        EligibilityDecision decideAt(Instant instant) {
            return ELIGIBILITY.decide(contact, campaign, team, history, instant);
        }

        EligibilityDecision decide() {
            return decideAt(now);
        }
    }

    // ---- the model: the rules written out plainly, without the function's search ----

    private static boolean openDaily(LocalTime start, LocalTime end, ZoneId zone, Instant instant) {
        LocalTime local = LocalTime.ofInstant(instant, zone);
        boolean afterStart = !local.isBefore(start);
        boolean beforeEnd = local.isBefore(end);
        return start.isBefore(end) ? afterStart && beforeEnd : afterStart || beforeEnd;
    }

    private static List<ZoneId> zonesOf(ContactFacts contact) {
        if (contact.timezone() != null) {
            return List.of(ZoneId.of(contact.timezone()));
        }
        return NUMBER_ZONES.getTimeZonesForNumber(parse(contact.phone())).stream().map(ZoneId::of).toList();
    }

    private static boolean inStrictState(ContactFacts contact) {
        String state = contact.state() != null ? contact.state() : NUMBER_STATES.get(contact.phone());
        return STRICT_STATE_CODES.contains(state);
    }

    private static boolean allowedAt(Scenario s, Instant instant) {
        DialHistory history = s.history();
        if (history.retryNotBefore() != null && instant.isBefore(history.retryNotBefore())) {
            return false;
        }
        CallWindow window = s.campaign().window();
        if (!openDaily(window.start(), window.end(), window.zone(), instant)) {
            return false;
        }
        boolean rulesApply = s.campaign().profile() == ComplianceProfile.US_TCPA;
        boolean strict = rulesApply && inStrictState(s.contact());
        Optional<Integer> cap = Stream.of(strict ? STRICT_STATE_CAP : null, s.team().maxAttemptsPer24h())
                .filter(c -> c != null).min(Integer::compare);
        long recent = history.attemptsLast24h().stream().filter(a -> Duration.between(a, instant).compareTo(DAY) < 0).count();
        if (cap.isPresent() && recent >= cap.get()) {
            return false;
        }
        if (!rulesApply) {
            return true;
        }
        for (ZoneId zone : zonesOf(s.contact())) {
            if (!openDaily(US_DEFAULT.start(), US_DEFAULT.end(), zone, instant)
                    || strict && !openDaily(STRICT_STATES.start(), STRICT_STATES.end(), zone, instant)) {
                return false;
            }
        }
        return true;
    }

    /** The model's answer to "is any minute in [from, to) allowed?", sampled at minute steps. */
    private static Optional<Instant> firstAllowedMinute(Scenario s, Instant from, Instant to) {
        for (Instant t = from; t.isBefore(to); t = t.plus(MINUTE)) {
            if (allowedAt(s, t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    // ---- properties ----

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void eligibleExactlyWhenEveryRuleHoldsNow(@ForAll("scenarios") Scenario s) {
        EligibilityDecision decision = s.decide();
        Statistics.label("decision").collect(decision.getClass().getSimpleName());
        assertEquals(allowedAt(s, s.now()), decision instanceof Eligible, () -> "decision " + decision);
        Statistics.label("decision").coverage(c -> c.check("Eligible").percentage(p -> p >= 2));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void nextEligibleAtIsTheEarliestAllowedInstant(@ForAll("scenarios") Scenario s) {
        EligibilityDecision decision = s.decide();
        Statistics.label("nextEligibleAt").collect(decision instanceof NotYet notYet
                ? (notYet.nextEligibleAt() == null ? "none within the horizon" : "given")
                : "eligible now");
        if (decision instanceof NotYet notYet) {
            assertNextEligibleAtIsEarliest(s, notYet);
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void theSameInputsGiveTheSameDecision(@ForAll("scenarios") Scenario s) {
        EligibilityDecision first = s.decide();
        assertEquals(first, s.decide());
        assertEquals(first, new Eligibility(JurisdictionRules.bundled())
                .decide(s.contact(), s.campaign(), s.team(), s.history(), s.now()));
    }

    /** Campaign windows whose edges lie near a DST transition of their zone, where local time skips or repeats. */
    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void windowsAroundDstTransitionsOpenExactly(@ForAll("dstWindowScenarios") Scenario s) {
        EligibilityDecision decision = s.decide();
        assertEquals(allowedAt(s, s.now()), decision instanceof Eligible, () -> "decision " + decision);
        if (decision instanceof NotYet notYet) {
            assertNextEligibleAtIsEarliest(s, notYet);
        }
    }

    /** Every zone the rules can produce, around each of its 2026 DST transitions (or the US ones). */
    @Example
    void everyZoneOpensExactlyWhenItsLocalHoursDo() {
        var window = CallWindow.of("00:00", "23:59", "Asia/Kolkata");
        List<Instant> usTransitions = transitions(List.of("America/New_York"), 2026, 2026);
        for (String zone : RULE_ZONES) {
            List<Instant> zoneTransitions = transitions(List.of(zone), 2026, 2026);
            for (Instant transition : zoneTransitions.isEmpty() ? usTransitions : zoneTransitions) {
                for (long hours = -30; hours <= 30; hours += 7) {
                    var s = new Scenario(new ContactFacts(EligibilityTest.NEW_YORK, zone, null, false, ConsentType.NONE),
                            new CampaignFacts(window, ComplianceProfile.US_TCPA, false), new TeamFacts(false, null),
                            DialHistory.NONE, transition.plus(Duration.ofHours(hours)));
                    EligibilityDecision decision = s.decide();
                    assertEquals(allowedAt(s, s.now()), decision instanceof Eligible, zone + " at " + s.now());
                    if (decision instanceof NotYet notYet) {
                        assertNextEligibleAtIsEarliest(s, notYet);
                    }
                }
            }
        }
    }

    private static void assertNextEligibleAtIsEarliest(Scenario s, NotYet notYet) {
        Instant next = notYet.nextEligibleAt();
        if (next == null) {
            assertEquals(Optional.empty(), firstAllowedMinute(s, s.now(), s.now().plus(Eligibility.SEARCH_HORIZON)),
                    () -> "no time given (" + notYet.reason() + ") but the model allows one");
            return;
        }
        assertTrue(next.isAfter(s.now()), () -> next + " is not after " + s.now());
        assertTrue(allowedAt(s, next), () -> "the model does not allow " + next);
        assertEquals(new Eligible(), s.decideAt(next));
        if (!next.minusSeconds(1).isBefore(s.now())) {
            assertFalse(allowedAt(s, next.minusSeconds(1)), () -> "already allowed a second before " + next);
        }
        assertEquals(Optional.empty(), firstAllowedMinute(s, s.now(), next), () -> "allowed before " + next);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> dstWindowScenarios() {
        Arbitrary<Integer> nearTheTransition = Arbitraries.integers().between(-90, 90);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 24 * 60 - 1);
        Arbitrary<Long> offset = Arbitraries.longs().between(-48 * 3600, 6 * 3600);
        return Combinators.combine(Arbitraries.of(WINDOW_ZONE_TRANSITIONS), nearTheTransition, length, offset)
                .as((transition, startShift, minutes, nowShift) -> {
                    LocalTime start = transition.localTimeBefore().plusMinutes(startShift);
                    var window = new CallWindow(start, start.plusMinutes(minutes), transition.zone());
                    return new Scenario(new ContactFacts(EligibilityTest.NEW_YORK, null, null, false, ConsentType.NONE),
                            new CampaignFacts(window, ComplianceProfile.NONE, false), new TeamFacts(false, null),
                            DialHistory.NONE, transition.instant().plusSeconds(nowShift));
                });
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<ContactFacts> locatedByNumber = Arbitraries.of(List.copyOf(new TreeSet<>(NUMBER_STATES.keySet())))
                .map(phone -> new ContactFacts(phone, null, null, false, ConsentType.NONE));
        Arbitrary<ContactFacts> locatedByContact = Combinators.combine(Arbitraries.of(RULE_ZONES),
                Arbitraries.of("", "FL", "OK", "MD", "NY", "TX"))
                .as((zone, state) -> new ContactFacts(EligibilityTest.NEW_YORK, zone, state.isEmpty() ? null : state, false,
                        ConsentType.NONE));
        // Uniform: jqwik's default bias toward small numbers would crowd times at midnight and at the transition.
        Arbitrary<Integer> minuteOfDay = Arbitraries.integers().between(0, 24 * 60 - 1).withDistribution(UNIFORM);
        Arbitrary<CallWindow> windows = Combinators.combine(minuteOfDay, minuteOfDay, Arbitraries.of(WINDOW_ZONES))
                .filter((start, end, zone) -> !start.equals(end))
                .as((start, end, zone) -> new CallWindow(LocalTime.ofSecondOfDay(start * 60L), LocalTime.ofSecondOfDay(end * 60L),
                        ZoneId.of(zone)));
        Arbitrary<ComplianceProfile> profiles = Arbitraries.frequency(Tuple.of(4, ComplianceProfile.US_TCPA),
                Tuple.of(1, ComplianceProfile.NONE));
        // Now is within two days of a DST transition of the campaign's zone (or a US one).
        Arbitrary<Tuple.Tuple2<CallWindow, Instant>> windowsAndNow = windows.flatMap(window -> Combinators.combine(
                Arbitraries.of(transitionsOrUs(window.zone())), Arbitraries.longs().between(-48 * 3600, 48 * 3600).withDistribution(UNIFORM))
                .as((transition, offset) -> Tuple.of(window, transition.plusSeconds(offset))));
        Arbitrary<List<Long>> attemptAges = Arbitraries.longs().between(0, 30 * 3600).withDistribution(UNIFORM).list().ofMaxSize(5);
        Arbitrary<Long> retryIn = Arbitraries.longs().between(0, 36 * 3600).withDistribution(UNIFORM).injectNull(0.6);
        Arbitrary<Integer> teamCaps = Arbitraries.integers().between(1, 4).injectNull(0.6);
        return Combinators.combine(Arbitraries.oneOf(locatedByNumber, locatedByContact), windowsAndNow, profiles,
                attemptAges, retryIn, teamCaps)
                .as((contact, windowAndNow, profile, ages, retry, teamCap) -> {
                    Instant now = windowAndNow.get2();
                    return new Scenario(contact, new CampaignFacts(windowAndNow.get1(), profile, false),
                            new TeamFacts(false, teamCap), new DialHistory(ages.stream().map(now::minusSeconds).toList(),
                                    retry == null ? null : now.plusSeconds(retry)), now);
                });
    }
}
