package io.outdial.campaign.domain.eligibility;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.stream.Collectors;

/** The time at the callee's location, as the audit and the calls API show it. */
public final class CalleeTime {

    private CalleeTime() {
    }

    /**
     * The local date-time with offset and zone, e.g. {@code 2026-11-30T09:15-05:00[America/New_York]};
     * for a number spanning several zones, each of them joined by {@code " | "}; null when the zone
     * is not known.
     */
    public static String at(String phone, String timezone, String state, Instant instant) {
        return ContactLocator.locate(phone, timezone, state)
                .filter(ContactLocation::timezoneKnown)
                .map(location -> location.zones().stream().map(zone -> ZonedDateTime.ofInstant(instant, zone).toString())
                        .collect(Collectors.joining(" | ")))
                .orElse(null);
    }
}
