package io.outdial.testsupport;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Time zones where it is a given hour now, for tests that run on the real clock at any time of day
 * yet need a contact inside (or outside) its legal calling hours. Only zones without daylight saving
 * time, one for nearly every whole-hour offset.
 */
public final class DaytimeZones {

    private static final List<String> FIXED_OFFSET_ZONES = List.of("Pacific/Pago_Pago", "Pacific/Honolulu",
            "Pacific/Gambier", "Pacific/Pitcairn", "America/Phoenix", "America/Regina", "America/Bogota", "America/La_Paz",
            "America/Sao_Paulo", "America/Noronha", "Atlantic/Cape_Verde", "Africa/Abidjan", "Africa/Lagos",
            "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok",
            "Asia/Shanghai", "Asia/Tokyo", "Australia/Brisbane", "Pacific/Guadalcanal", "Pacific/Tarawa");

    private DaytimeZones() {
    }

    /** A zone where the local time at {@code instant} is within an hour of {@code hour} (0-23). */
    public static String at(int hour, Instant instant) {
        return FIXED_OFFSET_ZONES.stream()
                .filter(zone -> {
                    int local = ZonedDateTime.ofInstant(instant, ZoneId.of(zone)).getHour();
                    int distance = Math.abs(local - hour);
                    return Math.min(distance, 24 - distance) <= 1;
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no fixed-offset zone near " + hour + ":00 at " + instant));
    }

    /** A zone where it is about {@code hour} o'clock now. */
    public static String now(int hour) {
        return at(hour, Instant.now());
    }
}
