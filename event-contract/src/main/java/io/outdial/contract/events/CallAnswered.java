package io.outdial.contract.events;

import java.time.Instant;

public record CallAnswered(String callId, String campaignId, Instant answeredAt) implements CallEvent {
}
