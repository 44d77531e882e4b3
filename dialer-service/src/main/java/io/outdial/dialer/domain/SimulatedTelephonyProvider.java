package io.outdial.dialer.domain;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.outdial.contract.events.CallOutcome;

/**
 * A provider that places no real calls: each call follows a {@link CallScript} drawn from a seeded
 * generator, with its durations multiplied by {@code timeScale} (0.001 makes a minute last 60 ms).
 */
public final class SimulatedTelephonyProvider implements TelephonyProvider {

    private final Random random;
    private final CallScript.Mix mix;
    private final double timeScale;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    public SimulatedTelephonyProvider(long seed, CallScript.Mix mix, double timeScale, ScheduledExecutorService timer, Clock clock) {
        this.random = new Random(seed);
        this.mix = mix;
        this.timeScale = timeScale;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public void place(CallRequest call, Listener listener) {
        CallScript script;
        synchronized (random) {
            script = CallScript.draw(random, mix);
        }
        long ringMs = scaled(script.ringSeconds());
        long talkMs = scaled(script.talkSeconds());
        if (script.ringSeconds() > 0) {
            timer.schedule(() -> listener.ringing(clock.instant()), 0, TimeUnit.MILLISECONDS);
        }
        boolean connects = script.outcome() == CallOutcome.ANSWERED || script.outcome() == CallOutcome.VOICEMAIL;
        if (connects) {
            timer.schedule(() -> listener.answered(clock.instant()), ringMs, TimeUnit.MILLISECONDS);
        }
        timer.schedule(() -> listener.ended(script.outcome(), endReason(script.outcome()), clock.instant(),
                script.ringSeconds(), script.talkSeconds(), null), ringMs + talkMs, TimeUnit.MILLISECONDS);
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
