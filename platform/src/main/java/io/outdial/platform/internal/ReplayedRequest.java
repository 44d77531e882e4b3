package io.outdial.platform.internal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;

/**
 * A request whose body was already read (the management router reads every body before its routes
 * run), offered again as a stream: whoever reads it next (Quarkus REST, a Vert.x body handler)
 * gets the same bytes as from the connection, as one chunk and then the end, on the request's
 * context, honouring pause and resume like the connection would. Quarkus REST pauses after a chunk
 * larger than its input buffer and reads the rest through a blocking stream from a worker thread,
 * hence the lock; handlers are called outside it.
 */
final class ReplayedRequest extends HttpServerRequestWrapper {

    private enum State { UNREAD, DATA_SENT, ENDED }

    private final Buffer body;
    private Handler<Buffer> dataHandler;
    private Handler<Void> endHandler;
    private boolean paused;
    private boolean scheduled;
    private State state = State.UNREAD;

    ReplayedRequest(HttpServerRequestInternal delegate, Buffer body) {
        super(delegate);
        this.body = body == null ? Buffer.buffer() : body;
    }

    @Override
    public HttpServerRequest handler(Handler<Buffer> handler) {
        synchronized (this) {
            dataHandler = handler;
        }
        replaySoon();
        return this;
    }

    @Override
    public HttpServerRequest endHandler(Handler<Void> handler) {
        synchronized (this) {
            endHandler = handler;
        }
        replaySoon();
        return this;
    }

    @Override
    public synchronized HttpServerRequest pause() {
        paused = true;
        return this;
    }

    @Override
    public HttpServerRequest resume() {
        synchronized (this) {
            paused = false;
        }
        replaySoon();
        return this;
    }

    @Override
    public HttpServerRequest fetch(long amount) {
        return amount > 0 ? resume() : this;
    }

    @Override
    public synchronized boolean isEnded() {
        return state == State.ENDED;
    }

    @Override
    public Future<Buffer> body() {
        return Future.succeededFuture(body);
    }

    @Override
    public Future<Void> end() {
        return Future.succeededFuture();
    }

    @Override
    public HttpServerRequest bodyHandler(Handler<Buffer> handler) {
        if (handler != null) {
            handler.handle(body);
        }
        return this;
    }

    @Override
    public long bytesRead() {
        return body.length();
    }

    private void replaySoon() {
        synchronized (this) {
            if (state == State.ENDED || paused || scheduled || (dataHandler == null && endHandler == null)) {
                return;
            }
            scheduled = true;
        }
        context().runOnContext(ignored -> replay());
    }

    /** Sends the body, then, unless its reader paused the request meanwhile, the end. */
    private void replay() {
        Handler<Buffer> data = null;
        synchronized (this) {
            scheduled = false;
            if (paused || state == State.ENDED) {
                return;
            }
            if (state == State.UNREAD) {
                state = State.DATA_SENT;
                data = body.length() > 0 ? dataHandler : null;
            }
        }
        if (data != null) {
            data.handle(body);
        }
        Handler<Void> end;
        synchronized (this) {
            if (paused || state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            end = endHandler;
        }
        if (end != null) {
            end.handle(null);
        }
    }
}
