package io.outdial.contract.calls;

import java.time.Instant;

/**
 * One call as the calls API shows it: call-result-service keeps the records and serves them on its
 * internal read endpoint, campaign-service serves them to the team that owns the campaign. One type
 * for both ends, so the two never drift. {@code sipStatus} is the final SIP response (null for
 * other providers).
 */
public record CallRecord(String id, String campaignId, String contactId, String campaignContactId, Integer attempt,
        String fromNumber, String toNumber, String status, String outcome, String endReason, Instant queuedAt,
        Instant initiatedAt, Instant answeredAt, Instant endedAt, Double durationSeconds, Integer sipStatus) {
}
