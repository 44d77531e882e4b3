package io.outdial.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * An open-model load at a constant rate: request {@code i} is due at {@code start + i / rate} whatever
 * came back before it, and its latency runs from that due time, not from when it went out, so that a
 * slow answer cannot hold back the requests behind it and hide their wait (coordinated omission). At
 * most {@code maxInFlight} requests are outstanding; one that falls due while that many are is not
 * sent and counts as dropped. Requests alternate between {@code kinds} kinds ({@code i % kinds}); only
 * those due after the warm-up are counted.
 */
final class OpenLoad {

    /** Sends request {@code i}; the future gives the response's status code. */
    @FunctionalInterface
    interface Sender {
        CompletableFuture<Integer> send(long i);
    }

    /** When each request is due and which ones are measured. */
    record Schedule(double rate, Duration warmup, Duration measured) {

        Schedule {
            if (rate <= 0) {
                throw new IllegalArgumentException("rate must be positive: " + rate);
            }
        }

        /** Requests in the whole run, warm-up included. */
        long total() {
            return (long) Math.ceil((warmup.toNanos() + measured.toNanos()) / 1e9 * rate);
        }

        /** Request {@code i}'s due time, in nanoseconds after the start. */
        long dueNanos(long i) {
            return Math.round(i * 1e9 / rate);
        }

        boolean isMeasured(long i) {
            return dueNanos(i) >= warmup.toNanos();
        }

        int kindOf(long i, int kinds) {
            return (int) (i % kinds);
        }
    }

    /** Latency figures in milliseconds, from a histogram of microseconds. */
    record Summary(double p50Ms, double p99Ms, double p999Ms, double maxMs, long count) {

        static Summary of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            return new Summary(micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                    micros.getValueAtPercentile(99.9) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
        }
    }

    /**
     * One kind's measured requests: {@code latencies} of the 2xx answers (microseconds from the due
     * time); {@code rateLimited} the 429s, {@code errors} any other non-2xx answer or failure (refused,
     * timed out); {@code unanswered} still outstanding when the run stopped waiting.
     */
    record Tally(Histogram latencies, long sent, long ok, long rateLimited, long errors, long dropped, long unanswered) {

        long answered() {
            return ok + rateLimited + errors;
        }
    }

    /**
     * Per kind, and the achieved rate: measured answers of any kind ÷ the warm-up's end to the last
     * of them; {@code slowestPerSecond} the longest latency (ms) of the requests due in each measured
     * second, any kind and answer, so that a stall shows when it happened.
     */
    record Result(List<Tally> kinds, double achievedPerSecond, long[] slowestPerSecond) {

        Tally all() {
            Histogram latencies = new Histogram(3);
            long sent = 0, ok = 0, limited = 0, errors = 0, dropped = 0, unanswered = 0;
            for (Tally t : kinds) {
                latencies.add(t.latencies());
                sent += t.sent();
                ok += t.ok();
                limited += t.rateLimited();
                errors += t.errors();
                dropped += t.dropped();
                unanswered += t.unanswered();
            }
            return new Tally(latencies, sent, ok, limited, errors, dropped, unanswered);
        }
    }

    private OpenLoad() {
    }

    /**
     * Runs the schedule against {@code sender}, then waits up to {@code drain} for the requests still
     * out. The sender is called from this thread only.
     */
    static Result run(Schedule schedule, int kinds, Sender sender, int maxInFlight, Duration drain)
            throws InterruptedException {
        List<Counter> counters = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            counters.add(new Counter());
        }
        AtomicLongArray slowest = new AtomicLongArray((int) Math.ceil(schedule.measured().toNanos() / 1e9));
        Semaphore permits = new Semaphore(maxInFlight);
        long start = System.nanoTime();
        long measuredFrom = start + schedule.warmup().toNanos();
        long total = schedule.total();
        for (long i = 0; i < total; i++) {
            long due = start + schedule.dueNanos(i);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            Counter counter = schedule.isMeasured(i) ? counters.get(schedule.kindOf(i, kinds)) : null;
            if (!permits.tryAcquire()) {
                if (counter != null) {
                    counter.dropped();
                }
                continue;
            }
            if (counter != null) {
                counter.sent();
            }
            CompletableFuture<Integer> answer;
            try {
                answer = sender.send(i);
            } catch (RuntimeException refused) {
                answer = CompletableFuture.failedFuture(refused);
            }
            answer.whenComplete((status, failure) -> {
                long now = System.nanoTime();
                if (counter != null) {
                    counter.answered(failure == null ? status : -1, now - due, now);
                    int second = (int) Math.min(slowest.length() - 1, (due - measuredFrom) / 1_000_000_000L);
                    slowest.accumulateAndGet(second, (now - due) / 1_000_000, Math::max);
                }
                // Counted before the permit is back: the drain below reads the counts once it has every permit.
                permits.release();
            });
        }
        // Every permit back means every request answered; what is still out after the drain is unanswered.
        if (permits.tryAcquire(maxInFlight, drain.toNanos(), TimeUnit.NANOSECONDS)) {
            permits.release(maxInFlight);
        }
        List<Tally> tallies = new ArrayList<>();
        long answered = 0;
        long lastAnswer = measuredFrom;
        for (Counter c : counters) {
            Tally t = c.tally();
            tallies.add(t);
            answered += t.answered();
            if (c.lastAnswer() != Long.MIN_VALUE && c.lastAnswer() - lastAnswer > 0) {
                lastAnswer = c.lastAnswer();
            }
        }
        double seconds = (lastAnswer - measuredFrom) / 1e9;
        long[] slowestPerSecond = new long[slowest.length()];
        for (int i = 0; i < slowestPerSecond.length; i++) {
            slowestPerSecond[i] = slowest.get(i);
        }
        return new Result(tallies, seconds > 0 ? answered / seconds : 0, slowestPerSecond);
    }

    /** One kind's counts as answers come in, on the client's threads. */
    private static final class Counter {
        private final Histogram latencies = new Histogram(3);
        private long sent;
        private long ok;
        private long rateLimited;
        private long errors;
        private long dropped;
        private long lastAnswer = Long.MIN_VALUE;

        synchronized void sent() {
            sent++;
        }

        synchronized void dropped() {
            dropped++;
        }

        /** {@code status} -1: no answer (the request failed). */
        synchronized void answered(int status, long latencyNanos, long at) {
            lastAnswer = lastAnswer == Long.MIN_VALUE ? at : Math.max(lastAnswer, at);
            if (status >= 200 && status < 300) {
                ok++;
                latencies.recordValue(Math.max(0, latencyNanos / 1000));
            } else if (status == 429) {
                rateLimited++;
            } else {
                errors++;
            }
        }

        synchronized long lastAnswer() {
            return lastAnswer;
        }

        synchronized Tally tally() {
            return new Tally(latencies.copy(), sent, ok, rateLimited, errors, dropped, sent - ok - rateLimited - errors);
        }
    }
}
