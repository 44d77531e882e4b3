package io.outdial.contract.events;

import java.time.Instant;

public record CallRinging(String callId, String campaignId, Instant ringingAt) implements CallEvent {
}
