package io.outdial.campaign.application.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.domain.webhooks.WebhookEventType;
import io.outdial.campaign.persistence.webhooks.WebhookDeliveryStore;
import io.outdial.contract.EventCodec;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CampaignEvent;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.ContactSettled;
import io.smallrye.mutiny.Uni;

/**
 * Turns the events webhooks carry into deliveries: {@code CallEnded} is {@code call.ended},
 * {@code ContactSettled} is {@code contact.settled} (but for a release without an outcome), every {@code CampaignStatusChanged} is
 * {@code campaign.status_changed} and one to {@code completed} is also {@code campaign.completed}.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private final WebhookDeliveryStore store;
    private final Clock clock;

    public WebhookIntake(WebhookDeliveryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Whether events read now could be delivered anywhere. An endpoint takes the events that occur
     * from its creation on, and those read now occurred before, so with no endpoint enabled a poll
     * can be passed over unread.
     */
    public Uni<Boolean> anyoneListening() {
        return store.anyEnabled();
    }

    /** Fans one poll's events out to the endpoints subscribed to them, in one statement. */
    public Uni<Integer> accept(List<EventEnvelope> envelopes) {
        List<WebhookDeliveryStore.Event> events = new ArrayList<>();
        for (EventEnvelope envelope : envelopes) {
            if (!Ids.isUuid(envelope.event().campaignId())) {
                continue; // no campaign of ours, so no team to deliver to
            }
            for (WebhookEventType type : typesOf(envelope.event())) {
                String teamId = envelope.event() instanceof CampaignStatusChanged s ? s.teamId() : null;
                Instant at = envelope.time() == null ? clock.instant() : envelope.time();
                events.add(new WebhookDeliveryStore.Event(envelope.id(), type.wire(),
                        UUID.fromString(envelope.event().campaignId()), teamId, at, body(type, at, envelope.event())));
            }
        }
        return store.fanOut(events, clock.instant());
    }

    static List<WebhookEventType> typesOf(CampaignEvent event) {
        if (event instanceof CallEnded) {
            return List.of(WebhookEventType.CALL_ENDED);
        }
        if (event instanceof ContactSettled s) {
            // A release without an outcome comes from a dialer that never held the call (a command
            // delivered twice, a claim refused or unanswered): the contact's fate is still to come.
            return s.settlement() == ContactSettled.Settlement.RELEASED && s.outcome() == null
                    ? List.of()
                    : List.of(WebhookEventType.CONTACT_SETTLED);
        }
        if (event instanceof CampaignStatusChanged s) {
            return "completed".equals(s.status())
                    ? List.of(WebhookEventType.CAMPAIGN_STATUS_CHANGED, WebhookEventType.CAMPAIGN_COMPLETED)
                    : List.of(WebhookEventType.CAMPAIGN_STATUS_CHANGED);
        }
        return List.of();
    }

    /** The message body, {@code {type, timestamp, data}}; written once, so every attempt sends the same bytes. */
    static String body(WebhookEventType type, Instant at, CampaignEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wire());
        body.put("timestamp", at.toString());
        body.put("data", event);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a webhook body", e);
        }
    }
}
