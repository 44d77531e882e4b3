package io.outdial.contract.events;

import java.time.Instant;

/**
 * The call is over. {@code outcome} is one of {@link CallOutcome}'s values; {@code not_dialed}
 * means the claim was refused and no attempt was made. {@code sipStatus} is the final SIP response
 * code (200 for a connected call), null when there was none or the provider is not SIP; it was
 * added in contract 1.1, so events from older producers lack it.
 */
public record CallEnded(
        String callId,
        String campaignId,
        String campaignContactId,
        String contactId,
        int attempt,
        CallOutcome outcome,
        String endReason,
        Instant endedAt,
        double ringSeconds,
        double talkSeconds,
        Integer sipStatus) implements CallEvent {

    /**
     * The end reason of a call whose lease ran out (DESIGN 4.3): campaign-service, which holds the
     * leases, ends it as {@code error} at the instant the lease ran out.
     */
    public static final String LEASE_EXPIRED = "lease_expired";

    /** The end reason of a call its dialer hung up because it lost (or could not renew) the call's lease. */
    public static final String LEASE_LOST = "lease_lost";
}
