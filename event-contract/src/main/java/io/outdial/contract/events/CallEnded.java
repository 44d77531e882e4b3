package io.outdial.contract.events;

import java.time.Instant;
import java.util.Set;

/**
 * The call is over. {@code outcome} is one of {@link CallOutcome}'s values; {@code not_dialed}
 * means no attempt was made: either the dialer never held the call's claim (refused, unanswered or
 * not asked for: {@link #claimNotHeld()}), or it held the claim and gives it back unplaced. {@code sipStatus} is the final SIP response
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

    /** The claim got no answer (a timeout, campaign-service down): nothing is placed, and the dialer cannot know whether it was granted. */
    public static final String CLAIM_FAILED = "claim_failed";

    /** The dialer did not ask for the claim: its batch was already past the deadline to place calls safely. */
    public static final String CLAIM_TOO_LATE = "claim_too_late";

    /** A refusal the dialer does not know by name. */
    public static final String CLAIM_REFUSED = "claim_refused";

    /**
     * The end reasons of a {@code not_dialed} call whose dialer never held the claim: campaign-service's
     * refusals, no answer, or no claim asked for. Such an ending closes that dialer's part only: the
     * same call may be held and in progress at another dialer (a redelivered command), so it may free
     * a contact still queued, never one in a call.
     */
    public static final Set<String> CLAIM_NOT_HELD = Set.of("already_claimed", "not_current", "campaign_not_running",
            "window_closed", "at_capacity", "not_eligible", CLAIM_REFUSED, CLAIM_FAILED, CLAIM_TOO_LATE);

    /** Whether this is the not_dialed ending of a dialer that never held the call's claim. */
    public boolean claimNotHeld() {
        return outcome == CallOutcome.NOT_DIALED && endReason != null && CLAIM_NOT_HELD.contains(endReason);
    }
}
