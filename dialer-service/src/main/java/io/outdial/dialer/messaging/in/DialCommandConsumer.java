package io.outdial.dialer.messaging.in;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.DialContact;
import io.outdial.dialer.domain.DialPrecheck;
import io.outdial.dialer.messaging.out.CallEventPublisher;

/**
 * Takes dial commands. A record that does not parse fails the stage and goes to the topic's
 * dead-letter queue; the offset is committed only after the returned stage completes.
 */
@ApplicationScoped
public class DialCommandConsumer {

    private static final Logger LOG = Logger.getLogger(DialCommandConsumer.class);

    private final CallEventPublisher events;
    private final Clock clock;

    @Inject
    public DialCommandConsumer(CallEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Incoming(Topics.DIAL_COMMANDS)
    public CompletionStage<Void> onDialCommand(ConsumerRecord<String, String> record) {
        DialContact command = (DialContact) CloudEventHeaders.read(record.headers(), record.value()).event();
        var now = clock.instant();
        return DialPrecheck.check(command, now)
                .map(reason -> events.publish(new CallSkipped(command.callId(), command.campaignId(),
                        command.campaignContactId(), command.contactId(), command.attempt(), reason.wireName(), now)))
                .orElseGet(() -> {
                    LOG.debugf("dial command %s passed the local checks", command.callId());
                    return CompletableFuture.completedFuture(null);
                });
    }
}
