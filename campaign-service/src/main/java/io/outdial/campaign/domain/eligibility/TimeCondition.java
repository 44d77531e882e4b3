package io.outdial.campaign.domain.eligibility;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Collection;
import java.util.List;

import io.outdial.contract.CallWindow;

/**
 * One time-dependent rule of eligibility. Each holds on a union of half-open intervals, so the
 * earliest instant at which all hold is now or an instant at which one of them starts to hold:
 * {@link #addOpenings} lists every such instant, which makes the search exact without stepping.
 */
sealed interface TimeCondition {

    Duration ROLLING_DAY = Duration.ofHours(24);

    boolean holdsAt(Instant instant);

    /** Adds to {@code out} every instant in {@code (from, to]} at which this may start to hold (a superset is fine). */
    void addOpenings(Instant from, Instant to, Collection<Instant> out);

    /** The wait reason this condition gives while it does not hold. */
    WaitReason reason();

    /** Not before a retry is due. */
    record NotBefore(Instant notBefore) implements TimeCondition {

        @Override
        public boolean holdsAt(Instant instant) {
            return !instant.isBefore(notBefore);
        }

        @Override
        public void addOpenings(Instant from, Instant to, Collection<Instant> out) {
            addIfWithin(notBefore, from, to, out);
        }

        @Override
        public WaitReason reason() {
            return WaitReason.RETRY_DELAY;
        }
    }

    /** Fewer than {@code cap} attempts in the 24 h before the instant; an attempt counts until 24 h after it. */
    record AttemptCap(List<Instant> attempts, int cap) implements TimeCondition {

        @Override
        public boolean holdsAt(Instant instant) {
            return attempts.stream().filter(attempt -> attempt.plus(ROLLING_DAY).isAfter(instant)).count() < cap;
        }

        @Override
        public void addOpenings(Instant from, Instant to, Collection<Instant> out) {
            attempts.forEach(attempt -> addIfWithin(attempt.plus(ROLLING_DAY), from, to, out));
        }

        @Override
        public WaitReason reason() {
            return WaitReason.FREQUENCY_CAP;
        }
    }

    /**
     * A daily window in one zone (the campaign's, or legal hours in one of the callee's zones). It
     * opens when local time reaches its start, at either offset when that local time occurs twice,
     * or when a DST transition makes local time jump into it.
     */
    record DailyWindow(CallWindow window, WaitReason reason) implements TimeCondition {

        @Override
        public boolean holdsAt(Instant instant) {
            return window.isOpenAt(instant);
        }

        @Override
        public void addOpenings(Instant from, Instant to, Collection<Instant> out) {
            ZoneId zone = window.zone();
            LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
            for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
                ZonedDateTime start = ZonedDateTime.ofLocal(day.atTime(window.start()), zone, null);
                addIfWithin(start.toInstant(), from, to, out);
                addIfWithin(start.withLaterOffsetAtOverlap().toInstant(), from, to, out);
            }
            ZoneRules rules = zone.getRules();
            for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && !t.getInstant().isAfter(to);
                    t = rules.nextTransition(t.getInstant())) {
                out.add(t.getInstant());
            }
        }
    }

    private static void addIfWithin(Instant instant, Instant from, Instant to, Collection<Instant> out) {
        if (instant.isAfter(from) && !instant.isAfter(to)) {
            out.add(instant);
        }
    }
}
