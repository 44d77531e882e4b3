package io.outdial.campaign.domain.eligibility;

/**
 * What eligibility needs to know of the contact's team: whether the number is on its do-not-call
 * list, and its own cap on attempts per number in a rolling 24 h (null = none; a jurisdiction's
 * lower cap still applies).
 */
public record TeamFacts(boolean numberOnDncList, Integer maxAttemptsPer24h) {

    public TeamFacts {
        if (maxAttemptsPer24h != null && maxAttemptsPer24h < 1) {
            throw new IllegalArgumentException("a team's maxAttemptsPer24h must be at least 1, or null for none");
        }
    }
}
