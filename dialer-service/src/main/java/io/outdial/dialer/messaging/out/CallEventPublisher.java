package io.outdial.dialer.messaging.out;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEvent;
import io.outdial.dialer.config.DialerIdentity;
import io.outdial.platform.CloudEventMessages;

/** Publishes call events; the returned stage completes once the broker acknowledged (acks=all). */
@ApplicationScoped
public class CallEventPublisher {

    private final Emitter<String> emitter;
    private final DialerIdentity identity;
    private final Clock clock;

    @Inject
    public CallEventPublisher(
            // A batch of commands sends its CallInitiated events at once, and its calls' events follow:
            // a buffer far above one batch (the gate bounds calls in progress) instead of the default 128.
            @Channel(Topics.CALL_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65_536) Emitter<String> emitter,
            DialerIdentity identity, Clock clock) {
        this.emitter = emitter;
        this.identity = identity;
        this.clock = clock;
    }

    public CompletionStage<Void> publish(CallEvent event) {
        var message = CloudEventMessages.of(event, identity.source(), clock.instant());
        var acked = new java.util.concurrent.CompletableFuture<Void>();
        emitter.send(message.withAck(() -> {
            acked.complete(null);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }).withNack(failure -> {
            acked.completeExceptionally(failure);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }));
        return acked;
    }
}
