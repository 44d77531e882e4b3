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
 * status of higher rank (the upsert compares ranks); ended and skipped are both final.
 */
public enum CallStatus {
    QUEUED(0), INITIATED(1), RINGING(2), IN_PROGRESS(3), ENDED(4), SKIPPED(4);

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
