package io.outdial.campaign.domain.eligibility;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.outdial.campaign.domain.eligibility.EligibilityDecision.Eligible;
import io.outdial.campaign.domain.eligibility.EligibilityDecision.Never;
import io.outdial.campaign.domain.eligibility.EligibilityDecision.NotYet;
import io.outdial.contract.CallWindow;

/**
 * Who may be called, and when (DESIGN 4b): one pure function of a contact, its campaign, its team's
 * rules, what was dialed, and now. It is the same at release and at claim, so both agree.
 * <ul>
 * <li>Never, checked first: the number on the team's do-not-call list ({@code dnc_list}), the
 * contact's own flag ({@code contact_dnc}), a campaign that requires consent and a contact without
 * express consent ({@code no_consent}), a number that is not valid ({@code invalid_number}).</li>
 * <li>Under a profile with rules, a contact whose timezone is unknown waits with no
 * {@code nextEligibleAt}: time will not tell it, only a timezone or state set on the contact.</li>
 * <li>Otherwise it may be called at an instant when its retry is due, the number is under its cap
 * (the lowest of the team's and every applicable jurisdiction's) in the rolling 24 h, the campaign's
 * window is open, and the legal hours of the default rule and of each of its subdivisions hold in
 * every zone it may be in.</li>
 * </ul>
 * When it may not be called now, {@code nextEligibleAt} is the exact earliest instant when it may,
 * within {@link #SEARCH_HORIZON}, and the reason names the rule that keeps it waiting until then
 * (the first of retry_delay, frequency_cap, campaign_window, outside_local_hours that opens at
 * that instant); with no such instant, the first of them that is closed now.
 */
public final class Eligibility {

    /** How far ahead the next eligible instant is looked for; daily rules that meet do so well within it. */
    public static final Duration SEARCH_HORIZON = Duration.ofDays(8);

    private final JurisdictionRules rules;

    public Eligibility(JurisdictionRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public static Eligibility withBundledRules() {
        return new Eligibility(JurisdictionRules.bundled());
    }

    /** The version of the rules file decisions are made under, for the audit. */
    public String rulesVersion() {
        return rules.version();
    }

    public EligibilityDecision decide(ContactFacts contact, CampaignFacts campaign, TeamFacts team, DialHistory history,
            Instant now) {
        if (team.numberOnDncList()) {
            return new Never(SkipReason.DNC_LIST);
        }
        if (contact.doNotCall()) {
            return new Never(SkipReason.CONTACT_DNC);
        }
        if (campaign.requireConsent() && !contact.consent().isExpress()) {
            return new Never(SkipReason.NO_CONSENT);
        }
        Optional<ContactLocation> location = ContactLocator.locate(contact.phone(), contact.timezone(), contact.state());
        if (location.isEmpty()) {
            return new Never(SkipReason.INVALID_NUMBER);
        }
        List<JurisdictionRule> applicable = rules.ruleSetFor(campaign.profile())
                .map(ruleSet -> ruleSet.applicableTo(location.get().subdivisions()))
                .orElse(List.of());
        if (!applicable.isEmpty() && !location.get().timezoneKnown()) {
            return new NotYet(null, WaitReason.TIMEZONE_UNKNOWN);
        }
        return earliest(conditions(campaign.window(), location.get().zones(), applicable, team, history), now);
    }

    /** The time-dependent rules, in the order their reasons are preferred. */
    private static List<TimeCondition> conditions(CallWindow campaignWindow, List<ZoneId> zones,
            List<JurisdictionRule> applicable, TeamFacts team, DialHistory history) {
        List<TimeCondition> conditions = new ArrayList<>();
        if (history.retryNotBefore() != null) {
            conditions.add(new TimeCondition.NotBefore(history.retryNotBefore()));
        }
        Stream.concat(applicable.stream().map(JurisdictionRule::maxAttemptsPer24h), Stream.of(team.maxAttemptsPer24h()))
                .filter(Objects::nonNull)
                .min(Integer::compare)
                .ifPresent(cap -> conditions.add(new TimeCondition.AttemptCap(history.attemptsLast24h(), cap)));
        conditions.add(new TimeCondition.DailyWindow(campaignWindow, WaitReason.CAMPAIGN_WINDOW));
        Set<CallWindow> legalWindows = new LinkedHashSet<>();
        for (JurisdictionRule rule : applicable) {
            zones.forEach(zone -> legalWindows.add(rule.localHours().in(zone)));
        }
        legalWindows.forEach(window -> conditions.add(new TimeCondition.DailyWindow(window, WaitReason.OUTSIDE_LOCAL_HOURS)));
        return conditions;
    }

    private static EligibilityDecision earliest(List<TimeCondition> conditions, Instant now) {
        Optional<TimeCondition> closedNow = firstClosedAt(conditions, now);
        if (closedNow.isEmpty()) {
            return new Eligible();
        }
        WaitReason reasonNow = closedNow.get().reason();
        Instant horizon = now.plus(SEARCH_HORIZON);
        TreeSet<Instant> candidates = new TreeSet<>();
        conditions.forEach(condition -> condition.addOpenings(now, horizon, candidates));
        for (Instant candidate : candidates) {
            if (firstClosedAt(conditions, candidate).isEmpty()) {
                // What is closed just before the candidate is what kept the contact waiting until it.
                WaitReason reason = firstClosedAt(conditions, candidate.minusNanos(1)).map(TimeCondition::reason).orElse(reasonNow);
                return new NotYet(candidate, reason);
            }
        }
        return new NotYet(null, reasonNow);
    }

    private static Optional<TimeCondition> firstClosedAt(List<TimeCondition> conditions, Instant instant) {
        return conditions.stream().filter(condition -> !condition.holdsAt(instant)).findFirst();
    }
}
