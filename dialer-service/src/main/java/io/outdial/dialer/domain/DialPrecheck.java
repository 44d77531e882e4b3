package io.outdial.dialer.domain;

import java.time.Instant;
import java.util.Optional;

import io.outdial.contract.CallWindow;
import io.outdial.contract.events.DialContact;

/**
 * The cheap local checks a dialer makes before it spends a claim on a dial command. A failed
 * check means no attempt: the command is answered with {@code CallSkipped} and the reason.
 */
public final class DialPrecheck {

    private DialPrecheck() {
    }

    public static Optional<SkipReason> check(DialContact command, Instant now) {
        if (!now.isBefore(command.expiresAt())) {
            return Optional.of(SkipReason.EXPIRED);
        }
        CallWindow window = CallWindow.of(command.callWindowStart(), command.callWindowEnd(), command.callWindowTimezone());
        if (!window.isOpenAt(now)) {
            return Optional.of(SkipReason.WINDOW_CLOSED);
        }
        return Optional.empty();
    }
}
