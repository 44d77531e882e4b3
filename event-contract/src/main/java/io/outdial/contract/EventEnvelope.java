package io.outdial.contract;

import java.time.Instant;

import io.outdial.contract.events.CampaignEvent;

/** A decoded record: its CloudEvents attributes and its event. */
public record EventEnvelope(String id, EventType type, String source, Instant time, CampaignEvent event) {
}
