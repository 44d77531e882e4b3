package io.outdial.dialer.domain;

import java.util.Random;

import io.outdial.contract.events.CallOutcome;

/**
 * How a simulated call goes: its outcome and how long it rings and talks. Drawn from a seeded
 * generator with configured weights, so a run can be repeated.
 */
public record CallScript(CallOutcome outcome, double ringSeconds, double talkSeconds) {

    /** Outcome weights (any scale) and duration ranges in seconds. */
    public record Mix(double answered, double noAnswer, double busy, double voicemail, double error, double minRing,
            double maxRing, double minTalk, double maxTalk) {
    }

    public static CallScript draw(Random random, Mix mix) {
        double total = mix.answered() + mix.noAnswer() + mix.busy() + mix.voicemail() + mix.error();
        double x = random.nextDouble() * total;
        CallOutcome outcome;
        if ((x -= mix.answered()) < 0) {
            outcome = CallOutcome.ANSWERED;
        } else if ((x -= mix.noAnswer()) < 0) {
            outcome = CallOutcome.NO_ANSWER;
        } else if ((x -= mix.busy()) < 0) {
            outcome = CallOutcome.BUSY;
        } else if ((x -= mix.voicemail()) < 0) {
            outcome = CallOutcome.VOICEMAIL;
        } else {
            outcome = CallOutcome.ERROR;
        }
        double ring = outcome == CallOutcome.BUSY || outcome == CallOutcome.ERROR ? 0 : between(random, mix.minRing(), mix.maxRing());
        double talk = outcome == CallOutcome.ANSWERED || outcome == CallOutcome.VOICEMAIL ? between(random, mix.minTalk(), mix.maxTalk()) : 0;
        return new CallScript(outcome, ring, talk);
    }

    private static double between(Random random, double min, double max) {
        return max <= min ? min : min + random.nextDouble() * (max - min);
    }
}
