package io.outdial.dialer.messaging.in;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.outdial.contract.EventEnvelope;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.DialContact;
import io.outdial.dialer.client.ClaimClient;
import io.outdial.dialer.client.LeaseKeeper;
import io.outdial.dialer.config.DialerIdentity;
import io.outdial.dialer.domain.CampaignGate;
import io.outdial.dialer.domain.DialPrecheck;
import io.outdial.dialer.domain.LeaseBook;
import io.outdial.dialer.domain.SkipReason;
import io.outdial.dialer.domain.TelephonyProvider;
import io.outdial.dialer.messaging.out.CallEventPublisher;
import io.outdial.platform.EventBatch;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Takes dial commands and follows claim-before-dial: cheap local checks (else {@code CallSkipped}),
 * {@code CallInitiated} acknowledged by the broker, the claim at campaign-service, and only a
 * granted claim places the call. The offsets are committed after that, so a command redelivered
 * after a crash is claimed again and refused: it never places a second call. An unreadable record
 * goes to the dead-letter topic and the rest of its batch goes on.
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
    @Channel(Topics.DIAL_COMMANDS + Topics.DLQ_SUFFIX)
    Emitter<String> deadLetters;

    @Inject
    @RestClient
    ClaimClient claims;

    @Inject
    LeaseKeeper leases;

    @ConfigProperty(name = "outdial.dialer.shutdown-grace-seconds", defaultValue = "30")
    int shutdownGraceSeconds;

    /**
     * A call is placed only this soon after its CallInitiated. Past it (a broker or claim outage
     * delayed the batch) the claim's lease is too near its end to be worth dialing: the call ends
     * not dialed and its contact goes back to pending.
     */
    @ConfigProperty(name = "outdial.dialer.place-deadline", defaultValue = "PT10S")
    Duration placeDeadline;

    /**
     * A batch of commands as polled: every CallInitiated is sent at once and acknowledged, then one
     * claim request decides them all, so a batch costs two round trips however large it is.
     */
    @Incoming(Topics.DIAL_COMMANDS)
    public Uni<Void> onDialCommands(ConsumerRecords<String, String> records) {
        Instant now = clock.instant();
        EventBatch batch = EventBatch.read(records, DialContact.class, deadLetters);
        List<CompletableFuture<Void>> sent = new ArrayList<>(List.of(batch.deadLettered().subscribeAsCompletionStage()));
        List<DialContact> initiated = new ArrayList<>();
        for (EventEnvelope envelope : batch.envelopes()) {
            DialContact command = (DialContact) envelope.event();
            Optional<SkipReason> skip = DialPrecheck.check(command, now).or(() -> gate.stopReason(command.campaignId()));
            if (skip.isEmpty() && !gate.tryAcquire(command.campaignId(), command.maxConcurrentCalls())) {
                skip = Optional.of(SkipReason.AT_CAPACITY);
            }
            if (skip.isPresent()) {
                sent.add(events.publish(new CallSkipped(command.callId(), command.campaignId(), command.campaignContactId(),
                        command.contactId(), command.attempt(), skip.get().wireName(), now)).toCompletableFuture());
                continue;
            }
            initiated.add(command);
            sent.add(events.publish(new CallInitiated(command.callId(), command.campaignId(), command.campaignContactId(),
                    command.contactId(), command.attempt(), command.fromNumber(), command.toNumber(), identity.id(),
                    command.maxRetries(), command.retryDelayMinutes(), now, command.retryRulesOrNone())).toCompletableFuture());
        }
        Uni<Void> allSent = Uni.createFrom().completionStage(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
                .onFailure().invoke(e -> initiated.forEach(c -> gate.release(c.campaignId())));
        if (initiated.isEmpty()) {
            return allSent;
        }
        return allSent.flatMap(ok -> tooLate(now)
                ? Uni.join().all(initiated.stream().map(c -> act(c, CallEnded.CLAIM_TOO_LATE, now, null)).toList())
                        .andCollectFailures().replaceWithVoid()
                : claim(initiated).flatMap(decided -> Uni.join().all(initiated.stream()
                        .map(c -> act(c, decided.results().getOrDefault(c.callId(), CallEnded.CLAIM_FAILED), now, decided)).toList())
                        .andCollectFailures().replaceWithVoid()));
    }

    /** A claim's answer: results by call id, and when the lease of a granted one was asked for and how long it lasts. */
    private record Decided(Map<String, String> results, long askedAtNanos, long leaseMillis) {
    }

    private Uni<Decided> claim(List<DialContact> initiated) {
        long askedAt = System.nanoTime();
        return claims.claim(new ClaimClient.Claims(initiated.stream()
                .map(c -> new ClaimClient.Claim(c.callId(), c.campaignId())).toList()))
                .map(results -> new Decided(results.results().stream()
                        .collect(Collectors.toMap(ClaimClient.Result::callId, ClaimClient.Result::result, (a, b) -> a)),
                        askedAt, results.leaseMillis()))
                .onFailure().recoverWithItem(failure -> {
                    // No answer: nothing is placed. Each call ends not_dialed (claim_failed), which frees a
                    // contact still queued; if the claim was granted and only the answer lost, the lease
                    // nobody renews runs out and settles the call.
                    LOG.warnf("claim of %d calls failed, none is placed: %s", initiated.size(), failure.toString());
                    return new Decided(Map.of(), askedAt, 0);
                });
    }

    private boolean tooLate(Instant initiatedAt) {
        return Duration.between(initiatedAt, clock.instant()).compareTo(placeDeadline) > 0;
    }

    private Uni<Void> act(DialContact command, String claim, Instant initiatedAt, Decided decided) {
        boolean granted = "granted".equals(claim);
        if (granted && !tooLate(initiatedAt)) {
            place(command, initiatedAt.plus(placeDeadline), leases.hold(command.callId(), command.campaignId(),
                    decided.askedAtNanos(), decided.leaseMillis()));
            return Uni.createFrom().voidItem();
        }
        gate.release(command.campaignId());
        if ("already_claimed".equals(claim)) {
            // A redelivered command: its first initiation is settled by its own end or by its lease running out.
            return Uni.createFrom().voidItem();
        }
        // Granted but too late to place safely: the holder gives the claim back, and its contact goes back
        // to pending. Refused or unanswered: this dialer never held the claim, which may be held and in
        // progress elsewhere (a redelivered command), so its ending names a reason that frees only a
        // contact still queued.
        String reason = granted ? "stale" : CallEnded.CLAIM_NOT_HELD.contains(claim) ? claim : CallEnded.CLAIM_REFUSED;
        return Uni.createFrom().completionStage(events.publish(new CallEnded(command.callId(), command.campaignId(),
                command.campaignContactId(), command.contactId(), command.attempt(), CallOutcome.NOT_DIALED, reason,
                clock.instant(), 0, 0, null)));
    }

    /** Places a granted call; a provider that queues calls (a calls-per-second limit) drops it after {@code placeBy}. */
    private void place(DialContact command, Instant placeBy, LeaseBook.Lease lease) {
        var request = new TelephonyProvider.CallRequest(command.callId(), command.campaignId(), command.contactId(),
                command.attempt(), command.toNumber(), command.fromNumber(), command.assistantId(),
                command.ringTimeoutOrDefault(), command.maxCallDurationOrDefault(), placeBy, command.variablesOrNone());
        TelephonyProvider.PlacedCall placed = telephony.place(request, new TelephonyProvider.Listener() {
            @Override
            public void ringing(Instant at) {
                events.publish(new CallRinging(command.callId(), command.campaignId(), at));
            }

            @Override
            public void answered(Instant at) {
                events.publish(new CallAnswered(command.callId(), command.campaignId(), at));
            }

            @Override
            public void ended(CallOutcome outcome, String endReason, Instant at, double ringSeconds, double talkSeconds,
                    Integer sipStatus) {
                events.publish(new CallEnded(command.callId(), command.campaignId(), command.campaignContactId(),
                        command.contactId(), command.attempt(), outcome, endReason, at, ringSeconds, talkSeconds, sipStatus))
                        .whenComplete((ok, failure) -> {
                            // The lease is kept until the broker has the CallEnded: given up earlier, it could
                            // run out first and the call be settled as lost though it ended well.
                            leases.ended(command.callId());
                            gate.release(command.campaignId());
                            if (failure != null) {
                                LOG.errorf(failure, "CallEnded of %s not published; its lease will run out and settle it",
                                        command.callId());
                            }
                        });
            }
        });
        leases.placed(lease, placed);
    }

    /**
     * Lets calls in progress end (within a bound) before the process exits; new commands stop with the
     * channel. The provider ends what is still up after the grace period, then their CallEnded events
     * are given the same time to be published.
     */
    void drain(@Observes ShutdownEvent event) {
        telephony.shutdown(Duration.ofSeconds(shutdownGraceSeconds));
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
