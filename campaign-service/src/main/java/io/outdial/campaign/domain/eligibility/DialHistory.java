package io.outdial.campaign.domain.eligibility;

import java.time.Instant;
import java.util.List;

/**
 * What has been dialed: the instants of the attempts to the contact's number in the last 24 h across
 * all of the team's campaigns (older ones may be included; they are ignored), and the time the
 * contact's retry is due (null when it is not waiting for a retry).
 */
public record DialHistory(List<Instant> attemptsLast24h, Instant retryNotBefore) {

    public static final DialHistory NONE = new DialHistory(List.of(), null);

    public DialHistory {
        attemptsLast24h = attemptsLast24h == null ? List.of() : List.copyOf(attemptsLast24h);
    }
}
