package io.outdial.campaign.domain.eligibility;

import java.time.LocalTime;
import java.time.ZoneId;

import io.outdial.contract.CallWindow;

/** Daily hours {@code [start, end)} in the callee's local time within which a law allows calls. */
public record LocalHours(LocalTime start, LocalTime end) {

    public LocalHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("local hours start and end must differ");
        }
    }

    /** These hours in {@code zone}, read the same way as a campaign's window (DST, crossing midnight). */
    public CallWindow in(ZoneId zone) {
        return new CallWindow(start, end, zone);
    }
}
