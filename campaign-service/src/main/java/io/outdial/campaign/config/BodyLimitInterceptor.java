package io.outdial.campaign.config;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.vertx.ext.web.RoutingContext;

/**
 * Counts a chunked body as a resource reads it (JSON, or an import's stream) and stops it past the
 * limit {@link RequestLimits} set for its path with {@link BodyTooLargeException}, answered 413.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {

    private final RoutingContext routing;

    public BodyLimitInterceptor(RoutingContext routing) {
        this.routing = routing;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Long limit = routing.get(RequestLimits.BODY_LIMIT_KEY);
        if (limit != null) {
            context.setInputStream(new Limited(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
