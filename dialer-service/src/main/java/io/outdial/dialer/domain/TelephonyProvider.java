package io.outdial.dialer.domain;

import java.time.Instant;

import io.outdial.contract.events.CallOutcome;

/** Places calls. Implementations report a call's progress to the listener, ending with exactly one {@code ended}. */
public interface TelephonyProvider {

    void place(CallRequest call, Listener listener);

    record CallRequest(String callId, String campaignId, String toNumber, String fromNumber, String assistantId) {
    }

    interface Listener {
        void ringing(Instant at);

        void answered(Instant at);

        void ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds);
    }
}
