package io.outdial.dialer.telephony.sip;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.outdial.contract.events.CallOutcome;
import io.outdial.dialer.domain.TelephonyProvider;

/** What a provider told about one call, in order; {@code ended} must come once. */
final class RecordingListener implements TelephonyProvider.Listener {

    record Ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds, Integer sipStatus) {
        /** The part of the end that the signalling decides. */
        Outcome summary() {
            return new Outcome(outcome, endReason, sipStatus);
        }
    }

    record Outcome(CallOutcome outcome, String endReason, Integer sipStatus) {
    }

    private final String name;
    private final List<String> events = new ArrayList<>();
    private final CompletableFuture<Instant> answered = new CompletableFuture<>();
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();
    private volatile Instant ringingAt;

    RecordingListener(String name) {
        this.name = name;
    }

    @Override
    public synchronized void ringing(Instant at) {
        events.add("ringing");
        ringingAt = at;
    }

    @Override
    public synchronized void answered(Instant at) {
        events.add("answered");
        answered.complete(at);
    }

    @Override
    public synchronized void ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds,
            Integer sipStatus) {
        events.add("ended");
        ended.complete(new Ended(outcome, endReason, at, ringSeconds, talkSeconds, sipStatus));
    }

    /** The call's end, waiting for it at most {@code within}. */
    Ended awaitEnded(Duration within) {
        return await(ended, "end", within);
    }

    /** When the call was answered, waiting for it at most {@code within}. */
    Instant awaitAnswered(Duration within) {
        return await(answered, "be answered", within);
    }

    private <T> T await(CompletableFuture<T> event, String what, Duration within) {
        try {
            return event.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("call " + name + " did not " + what + " within " + within + "; events so far: " + events());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for call " + name + " to " + what);
        } catch (ExecutionException e) {
            return fail(e);
        }
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    Instant ringingAt() {
        return ringingAt;
    }
}
