package io.outdial.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that runs at the pace of another one from an instant that can be moved. The system tests
 * set every service's clock to just before a calling window closes or opens, so that time-of-day
 * behaviour is tested in seconds and never depends on the hour the suite happens to run.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public AdjustableClock(Clock base) {
        this.base = base;
    }

    /** From now on this clock reads {@code now}, then advances with its base clock. */
    public void set(Instant now) {
        offset = Duration.between(base.instant(), now);
    }

    /** From now on this clock reads its base clock shifted by {@code offset}: services on one machine shifted alike agree to the microsecond. */
    public void shift(Duration offset) {
        this.offset = offset;
    }

    public Duration offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        AdjustableClock zoned = new AdjustableClock(base.withZone(zone));
        zoned.offset = offset;
        return zoned;
    }
}
