package io.outdial.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;

/**
 * A daily calling window {@code [start, end)} in local time of an IANA zone. A window whose
 * end is before its start crosses midnight (22:00–02:00). Local times come from the instant,
 * so DST is handled by {@code java.time}: on a spring-forward day a start inside the gap opens
 * the window at the first valid instant after it.
 * <p>
 * Lives in the contract because the feeder and the dialers must read a window the same way.
 */
public record CallWindow(LocalTime start, LocalTime end, ZoneId zone) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    public CallWindow {
        if (start.equals(end)) {
            throw new IllegalArgumentException("window start and end must differ");
        }
    }

    /**
     * Parses a window from its wire form; throws {@link InvalidWindowException} naming the field.
     */
    public static CallWindow of(String start, String end, String timezone) {
        LocalTime s = parseTime("callWindowStart", start);
        LocalTime e = parseTime("callWindowEnd", end);
        if (s.equals(e)) {
            throw new InvalidWindowException("callWindowEnd", "must differ from callWindowStart");
        }
        return new CallWindow(s, e, parseZone(timezone));
    }

    public static LocalTime parseTime(String field, String value) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            throw new InvalidWindowException(field, "must be a time as HH:MM (00:00 to 23:59)");
        }
        try {
            return LocalTime.parse(value, HH_MM);
        } catch (DateTimeParseException ex) {
            throw new InvalidWindowException(field, "must be a time as HH:MM (00:00 to 23:59)");
        }
    }

    public static ZoneId parseZone(String timezone) {
        // Only region ids (America/New_York): offsets like +02:00 have no DST rules worth the name.
        if (timezone == null || !timezone.contains("/")) {
            throw new InvalidWindowException("callWindowTimezone", "must be an IANA timezone such as America/New_York");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException ex) {
            throw new InvalidWindowException("callWindowTimezone", "unknown IANA timezone: " + timezone);
        }
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    public boolean isOpenAt(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        if (crossesMidnight()) {
            return !local.isBefore(start) || local.isBefore(end);
        }
        return !local.isBefore(start) && local.isBefore(end);
    }

    /** {@code instant} itself when open, else the next instant the window opens. */
    public Instant nextOpening(Instant instant) {
        if (isOpenAt(instant)) {
            return instant;
        }
        LocalDate day = instant.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < 10; i++, day = day.plusDays(1)) {
            Instant candidate = opening(day);
            if (candidate.isAfter(instant) && isOpenAt(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("window " + this + " never opens");
    }

    /**
     * When the window opens on {@code day}: at its start, or, when the clocks jump over the start
     * that day (spring forward), at the jump, the first local time after the start.
     */
    private Instant opening(LocalDate day) {
        LocalDateTime local = LocalDateTime.of(day, start);
        ZoneOffsetTransition gap = zone.getRules().getTransition(local);
        return gap != null && gap.isGap() ? gap.getInstant() : ZonedDateTime.of(local, zone).toInstant();
    }

    public String startText() {
        return HH_MM.format(start);
    }

    public String endText() {
        return HH_MM.format(end);
    }

    /** A window field that cannot be read; {@code field} is the API's name for it. */
    public static final class InvalidWindowException extends IllegalArgumentException {
        private final String field;

        public InvalidWindowException(String field, String message) {
            super(field + " " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
