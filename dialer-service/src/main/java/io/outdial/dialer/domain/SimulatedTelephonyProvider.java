package io.outdial.dialer.domain;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.outdial.contract.events.CallOutcome;

/**
 * A provider that places no real calls: each call follows a {@link CallScript} drawn from a seeded
 * generator, with its durations multiplied by {@code timeScale} (0.001 makes a minute last 60 ms).
 * It keeps the last {@link #RECENT_CALLS} requests, what a real provider would have sent (variables
 * included), for tests and demos to look at.
 */
public final class SimulatedTelephonyProvider implements TelephonyProvider {

    private final Random random;
    private final CallScript.Mix mix;
    private final double timeScale;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final java.util.Deque<CallRequest> recent = new java.util.ArrayDeque<>();

    static final int RECENT_CALLS = 100;

    public SimulatedTelephonyProvider(long seed, CallScript.Mix mix, double timeScale, ScheduledExecutorService timer, Clock clock) {
        this.random = new Random(seed);
        this.mix = mix;
        this.timeScale = timeScale;
        this.timer = timer;
        this.clock = clock;
    }

    /** The last requests placed, oldest first. */
    public java.util.List<CallRequest> recentCalls() {
        synchronized (recent) {
            return java.util.List.copyOf(recent);
        }
    }

    @Override
    public PlacedCall place(CallRequest call, Listener listener) {
        synchronized (recent) {
            if (recent.size() == RECENT_CALLS) {
                recent.removeFirst();
            }
            recent.addLast(call);
        }
        CallScript script;
        synchronized (random) {
            script = CallScript.draw(random, mix);
        }
        SimulatedCall simulated = new SimulatedCall(script, listener);
        long ringMs = scaled(script.ringSeconds());
        long talkMs = scaled(script.talkSeconds());
        if (script.ringSeconds() > 0) {
            simulated.steps.add(timer.schedule(simulated::ringing, 0, TimeUnit.MILLISECONDS));
        }
        boolean connects = script.outcome() == CallOutcome.ANSWERED || script.outcome() == CallOutcome.VOICEMAIL;
        if (connects) {
            simulated.steps.add(timer.schedule(simulated::answered, ringMs, TimeUnit.MILLISECONDS));
        }
        simulated.steps.add(timer.schedule(() -> simulated.end(script.outcome(), endReason(script.outcome()), script.ringSeconds(),
                script.talkSeconds()), ringMs + talkMs, TimeUnit.MILLISECONDS));
        return simulated;
    }

    /** One simulated call: its script's steps, until it ends by itself or is hung up. */
    private final class SimulatedCall implements PlacedCall {
        private final CallScript script;
        private final Listener listener;
        private final java.util.List<java.util.concurrent.ScheduledFuture<?>> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final long placedAtNanos = System.nanoTime();
        private boolean answered;
        private boolean ended;

        SimulatedCall(CallScript script, Listener listener) {
            this.script = script;
            this.listener = listener;
        }

        synchronized void ringing() {
            if (!ended) {
                listener.ringing(clock.instant());
            }
        }

        synchronized void answered() {
            if (!ended) {
                answered = true;
                listener.answered(clock.instant());
            }
        }

        synchronized void end(CallOutcome outcome, String reason, double ringSeconds, double talkSeconds) {
            if (!ended) {
                ended = true;
                listener.ended(outcome, reason, clock.instant(), ringSeconds, talkSeconds, null);
            }
        }

        @Override
        public synchronized void hangUp(String reason) {
            if (ended) {
                return;
            }
            steps.forEach(step -> step.cancel(false));
            // The time it took, in the script's seconds: ringing first, then talk.
            double elapsed = (System.nanoTime() - placedAtNanos) / 1e9 / (timeScale > 0 ? timeScale : 1);
            double ring = Math.min(elapsed, script.ringSeconds());
            end(answered ? script.outcome() : CallOutcome.NO_ANSWER, reason, ring, answered ? Math.max(0, elapsed - ring) : 0);
        }
    }

    private long scaled(double seconds) {
        return Math.round(seconds * 1000 * timeScale);
    }

    private static String endReason(CallOutcome outcome) {
        return switch (outcome) {
            case ANSWERED, VOICEMAIL -> "hangup";
            case NO_ANSWER -> "no_answer_timeout";
            case BUSY -> "busy";
            default -> "provider_error";
        };
    }
}
