package io.outdial.campaign.messaging.in;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.outdial.campaign.application.webhooks.WebhookIntake;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.EventType;
import io.smallrye.mutiny.Uni;

/**
 * Reads the events webhooks carry, in a consumer group of its own ({@code campaign-service-webhooks}),
 * so that slow or dead receivers never hold back dialing or the folding of outcomes: this group only
 * writes deliveries, which the worker sends. Records of other types are skipped unread; a record
 * that does not parse is skipped too (the topic's own consumers dead-letter it).
 */
@ApplicationScoped
public class WebhookEventsConsumer {

    public static final String CALL_EVENTS = "webhooks-call-events";
    public static final String CONTACT_OUTCOMES = "webhooks-contact-outcomes";
    public static final String LIFECYCLE = "webhooks-lifecycle";

    private static final Logger LOG = Logger.getLogger(WebhookEventsConsumer.class);
    private static final Set<String> CARRIED = Set.of(EventType.CALL_ENDED.ceType(), EventType.CONTACT_SETTLED.ceType(),
            EventType.CAMPAIGN_STATUS_CHANGED.ceType());

    private final WebhookIntake intake;

    public WebhookEventsConsumer(WebhookIntake intake) {
        this.intake = intake;
    }

    @Incoming(CALL_EVENTS)
    public Uni<Void> onCallEvents(ConsumerRecords<String, String> records) {
        return accept(records);
    }

    @Incoming(CONTACT_OUTCOMES)
    public Uni<Void> onOutcomes(ConsumerRecords<String, String> records) {
        return accept(records);
    }

    @Incoming(LIFECYCLE)
    public Uni<Void> onLifecycle(ConsumerRecords<String, String> records) {
        return accept(records);
    }

    private Uni<Void> accept(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> carried = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
            if (type != null && CARRIED.contains(new String(type.value(), StandardCharsets.UTF_8))) {
                carried.add(record);
            }
        }
        if (carried.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Until the database takes the batch: its events must not be skipped, and holding back this
        // group holds back nothing else. With no endpoint enabled the batch is not even decoded.
        return intake.anyoneListening()
                .flatMap(listening -> listening ? intake.accept(read(carried)) : Uni.createFrom().item(0))
                .onFailure().invoke(e -> LOG.warnf("webhook deliveries could not be written, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    private static List<EventEnvelope> read(List<ConsumerRecord<String, String>> records) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                envelopes.add(CloudEventHeaders.read(record.headers(), record.value()));
            } catch (RuntimeException unreadable) {
                LOG.warnf("webhooks skip the unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), unreadable.getMessage());
            }
        }
        return envelopes;
    }
}
