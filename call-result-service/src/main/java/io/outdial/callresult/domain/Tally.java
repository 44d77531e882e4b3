package io.outdial.callresult.domain;

/**
 * How one settled attempt moves a campaign's counters, given what was known of the contact
 * before: a contact is counted as called, completed and answered at most once each.
 */
public record Tally(long called, long completed, long answered) {

    public static Tally of(boolean knownBefore, boolean completedBefore, boolean answeredBefore, boolean completedNow,
            boolean answeredNow) {
        return new Tally(knownBefore ? 0 : 1, !completedBefore && completedNow ? 1 : 0, !answeredBefore && answeredNow ? 1 : 0);
    }

    public Tally plus(Tally other) {
        return new Tally(called + other.called, completed + other.completed, answered + other.answered);
    }
}
