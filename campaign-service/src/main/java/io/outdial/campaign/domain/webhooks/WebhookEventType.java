package io.outdial.campaign.domain.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a webhook endpoint may subscribe to, by their wire names. */
public enum WebhookEventType {
    CALL_ENDED("call.ended"),
    CONTACT_SETTLED("contact.settled"),
    CAMPAIGN_STATUS_CHANGED("campaign.status_changed"),
    CAMPAIGN_COMPLETED("campaign.completed");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wire).toList();
    }
}
