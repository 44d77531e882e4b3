package io.outdial.campaign.domain;

/**
 * A token bucket: it holds up to {@code burst} tokens, refills at {@code perSecond} and each request
 * takes one, so a caller may send {@code burst} requests at once and {@code perSecond} on average.
 * Time is a monotonic reading in nanoseconds ({@link System#nanoTime()}) that the caller passes in.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;
    /** Rounding in the refill must not turn a whole token into 0.9999999 of one. */
    private static final double EPSILON = 1e-12;

    /** Whether a request may go on; when not, how long until a token is back. */
    public record Decision(boolean allowed, long retryAfterNanos) {

        public static final Decision ALLOWED = new Decision(true, 0);

        /** The wait in whole seconds, as {@code Retry-After} takes it: rounded up, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (long) Math.ceil(retryAfterNanos / NANOS_PER_SECOND));
        }
    }

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    /** A full bucket at {@code now}. */
    public TokenBucket(double perSecond, long burst, long now) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be a positive number: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        this.capacity = burst;
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token if there is one. A reading earlier than the last one refills nothing. */
    public synchronized Decision tryTake(long now) {
        // A difference, not a comparison: nanoTime readings may wrap around.
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            updatedAt = now;
        }
        if (tokens >= 1 - EPSILON) {
            tokens = Math.max(0, tokens - 1);
            return Decision.ALLOWED;
        }
        return new Decision(false, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }
}
