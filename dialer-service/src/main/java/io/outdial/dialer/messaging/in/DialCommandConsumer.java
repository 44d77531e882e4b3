package io.outdial.dialer.messaging.in;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.DialContact;
import io.outdial.dialer.client.ClaimClient;
import io.outdial.dialer.config.DialerIdentity;
import io.outdial.dialer.domain.CampaignGate;
import io.outdial.dialer.domain.DialPrecheck;
import io.outdial.dialer.domain.SkipReason;
import io.outdial.dialer.domain.TelephonyProvider;
import io.outdial.dialer.messaging.out.CallEventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Takes dial commands and follows claim-before-dial: cheap local checks (else {@code CallSkipped}),
 * {@code CallInitiated} acknowledged by the broker, the claim at campaign-service, and only a
 * granted claim places the call. The offset is committed after that, so a command redelivered
 * after a crash is claimed again and refused: it never places a second call. An unreadable record
 * goes to the dead-letter topic.
 */
@ApplicationScoped
public class DialCommandConsumer {

    private static final Logger LOG = Logger.getLogger(DialCommandConsumer.class);

    @Inject
    CallEventPublisher events;

    @Inject
    Clock clock;

    @Inject
    CampaignGate gate;

    @Inject
    TelephonyProvider telephony;

    @Inject
    DialerIdentity identity;

    @Inject
    @RestClient
    ClaimClient claims;

    @ConfigProperty(name = "outdial.dialer.shutdown-grace-seconds", defaultValue = "30")
    int shutdownGraceSeconds;

    @Incoming(Topics.DIAL_COMMANDS)
    public Uni<Void> onDialCommand(ConsumerRecord<String, String> record) {
        DialContact command = (DialContact) CloudEventHeaders.read(record.headers(), record.value()).event();
        Instant now = clock.instant();
        Optional<SkipReason> skip = DialPrecheck.check(command, now).or(() -> gate.stopReason(command.campaignId()));
        if (skip.isEmpty() && !gate.tryAcquire(command.campaignId(), command.maxConcurrentCalls())) {
            skip = Optional.of(SkipReason.AT_CAPACITY);
        }
        if (skip.isPresent()) {
            return Uni.createFrom().completionStage(events.publish(new CallSkipped(command.callId(), command.campaignId(),
                    command.campaignContactId(), command.contactId(), command.attempt(), skip.get().wireName(), now)));
        }
        CallInitiated initiated = new CallInitiated(command.callId(), command.campaignId(), command.campaignContactId(),
                command.contactId(), command.attempt(), command.fromNumber(), command.toNumber(), identity.id(),
                command.maxRetries(), command.retryDelayMinutes(), now);
        return Uni.createFrom().completionStage(() -> events.publish(initiated))
                .flatMap(acked -> claims.claim(new ClaimClient.Claims(List.of(
                        new ClaimClient.Claim(command.callId(), command.campaignId())))))
                .flatMap(results -> act(command, results.results().get(0).result()))
                .onFailure().invoke(e -> gate.release(command.campaignId()));
    }

    private Uni<Void> act(DialContact command, String claim) {
        if ("granted".equals(claim)) {
            place(command);
            return Uni.createFrom().voidItem();
        }
        gate.release(command.campaignId());
        if ("already_claimed".equals(claim)) {
            // A redelivered command: its first initiation is settled by its own end or the lost-call sweep.
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(events.publish(new CallEnded(command.callId(), command.campaignId(),
                command.campaignContactId(), command.contactId(), command.attempt(), CallOutcome.NOT_DIALED, claim,
                clock.instant(), 0, 0)));
    }

    private void place(DialContact command) {
        var request = new TelephonyProvider.CallRequest(command.callId(), command.campaignId(), command.toNumber(),
                command.fromNumber(), command.assistantId());
        telephony.place(request, new TelephonyProvider.Listener() {
            @Override
            public void ringing(Instant at) {
                events.publish(new CallRinging(command.callId(), command.campaignId(), at));
            }

            @Override
            public void answered(Instant at) {
                events.publish(new CallAnswered(command.callId(), command.campaignId(), at));
            }

            @Override
            public void ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds) {
                events.publish(new CallEnded(command.callId(), command.campaignId(), command.campaignContactId(),
                        command.contactId(), command.attempt(), outcome, endReason, at, ringSeconds, talkSeconds))
                        .whenComplete((ok, failure) -> {
                            gate.release(command.campaignId());
                            if (failure != null) {
                                LOG.errorf(failure, "CallEnded of %s not published; the lost-call sweep will settle it",
                                        command.callId());
                            }
                        });
            }
        });
    }

    /** Lets calls in progress end (within a bound) before the process exits; new commands stop with the channel. */
    void drain(@Observes ShutdownEvent event) {
        long deadline = System.nanoTime() + shutdownGraceSeconds * 1_000_000_000L;
        while (gate.activeCalls() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (gate.activeCalls() > 0) {
            LOG.warnf("%d calls still in progress at shutdown", gate.activeCalls());
        }
    }
}
