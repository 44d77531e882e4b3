package io.outdial.dialer.telephony.sip;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A calls-per-second limit: a token bucket of one token, refilled {@code 1/perSecond} seconds after
 * the last refill, so INVITEs leave evenly spaced and never more than {@code perSecond} in any second,
 * even after the timer thread was held up (trunks police a rate, often over a sliding window, and
 * reject the excess). Calls wait for a token in order; none is dropped.
 */
final class CallPacer {

    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private final Executor dialer;
    private final ScheduledFuture<?> refill;
    private boolean token = true;
    private boolean stopped;

    CallPacer(int perSecond, ScheduledExecutorService timer) {
        this.dialer = timer;
        long intervalMicros = TimeUnit.SECONDS.toMicros(1) / perSecond;
        this.refill = timer.scheduleWithFixedDelay(this::tick, intervalMicros, intervalMicros, TimeUnit.MICROSECONDS);
    }

    /** Runs {@code dial} on the timer's threads as soon as a token is free; false once stopped. */
    synchronized boolean submit(Runnable dial) {
        if (stopped) {
            return false;
        }
        if (token && waiting.isEmpty()) {
            token = false;
            dialer.execute(dial);
        } else {
            waiting.add(dial);
        }
        return true;
    }

    private synchronized void tick() {
        Runnable next = waiting.poll();
        if (next != null) {
            dialer.execute(next);
        } else {
            token = true;
        }
    }

    /** Stops pacing: calls still waiting are never dialed. */
    synchronized void stop() {
        stopped = true;
        refill.cancel(false);
        waiting.clear();
    }
}
