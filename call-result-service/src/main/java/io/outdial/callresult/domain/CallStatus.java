package io.outdial.callresult.domain;

import java.util.Locale;

import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;

/**
 * A call record's status. Events may arrive twice or out of order, so a record only moves to a
 * status of higher rank (the upsert compares ranks). A skip, or the not_dialed ending of a dialer
 * that never held the claim, is final for that dialer only: a redelivered command can be skipped
 * while the same call is held and in progress elsewhere, so the holder's ending ranks above it.
 */
public enum CallStatus {
    QUEUED(0), INITIATED(1), RINGING(2), IN_PROGRESS(3), SKIPPED(4), ENDED(5);

    /** The rank of an ending whose dialer never held the call's claim: above the call's progress, below its holder's end. */
    static final int NOT_HELD_ENDING_RANK = 4;

    private final int rank;

    CallStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rank an event gives the record: that of its status, but lower for an ending of a dialer that never held the claim. */
    public static int rankOf(CallEvent event) {
        return event instanceof CallEnded e && e.claimNotHeld() ? NOT_HELD_ENDING_RANK : after(event).rank();
    }

    /** The status an event moves a call to. */
    public static CallStatus after(CallEvent event) {
        if (event instanceof CallInitiated) {
            return INITIATED;
        } else if (event instanceof CallRinging) {
            return RINGING;
        } else if (event instanceof CallAnswered) {
            return IN_PROGRESS;
        } else if (event instanceof CallEnded) {
            return ENDED;
        } else if (event instanceof CallSkipped) {
            return SKIPPED;
        }
        throw new IllegalArgumentException("not a call event: " + event);
    }
}
