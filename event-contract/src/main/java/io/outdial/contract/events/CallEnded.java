package io.outdial.contract.events;

import java.time.Instant;

/**
 * The call is over. {@code outcome} is one of {@link CallOutcome}'s values; {@code not_dialed}
 * means the claim was refused and no attempt was made.
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
        double talkSeconds) implements CallEvent {
}
