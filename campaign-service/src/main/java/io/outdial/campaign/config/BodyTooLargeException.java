package io.outdial.campaign.config;

/** A request body read past its limit (see {@link RequestLimits}); the API answers 413. */
public final class BodyTooLargeException extends RuntimeException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
