package io.outdial.dialer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.outdial.contract.events.CallOutcome;

/** Places calls. Implementations report a call's progress to the listener, ending with exactly one {@code ended}. */
public interface TelephonyProvider {

    /** Places a call; the answer ends it early ({@link PlacedCall#hangUp}). */
    PlacedCall place(CallRequest call, Listener listener);

    /**
     * A call placed. {@code hangUp} ends it now, whatever its state: one not yet dialed ends not
     * dialed, a ringing one is cancelled, a connected one hung up; the listener then hears its one
     * {@code ended}, with {@code reason}. On a call that already ended it does nothing.
     */
    interface PlacedCall {
        void hangUp(String reason);
    }

    /**
     * Stops taking calls, lets calls in progress end by themselves within {@code grace}, then ends
     * the rest; every call placed has reported {@code ended} when this returns.
     */
    default void shutdown(Duration grace) {
    }

    /**
     * One call to place. {@code toNumber} and {@code fromNumber} are E.164 ({@code +12025550123});
     * the call gives up ringing after {@code ringTimeoutSeconds} and is hung up after
     * {@code maxCallDurationSeconds} of conversation. A call not yet dialed at {@code placeBy} (it
     * waited for the calls-per-second limit) ends not dialed ({@code stale}): by then the contact may
     * be given up and dialed again elsewhere. {@code variables} are for the AI assistant on the far side.
     */
    record CallRequest(String callId, String campaignId, String contactId, int attempt, String toNumber, String fromNumber,
            String assistantId, int ringTimeoutSeconds, int maxCallDurationSeconds, Instant placeBy, Map<String, String> variables) {

        public CallRequest {
            variables = variables == null ? Map.of() : variables;
        }
    }

    interface Listener {
        void ringing(Instant at);

        void answered(Instant at);

        /** {@code sipStatus}: the final SIP response code (200 for a connected call), null when there was none. */
        void ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds, Integer sipStatus);
    }
}
