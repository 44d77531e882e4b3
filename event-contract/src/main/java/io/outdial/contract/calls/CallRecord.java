package io.outdial.contract.calls;

import java.time.Instant;

/**
 * One call as the calls API shows it: call-result-service keeps the records and serves them on its
 * internal read endpoint, campaign-service serves them to the team that owns the campaign. One type
 * for both ends, so the two never drift. {@code sipStatus} is the final SIP response (null for
 * other providers). {@code localTimeAtCallee} is the callee's local date-time with its zone when the
 * call was granted (e.g. {@code 2026-11-30T09:15-05:00[America/New_York]}); campaign-service adds it
 * from its audit, so call-result-service leaves it null.
 */
public record CallRecord(String id, String campaignId, String contactId, String campaignContactId, Integer attempt,
        String fromNumber, String toNumber, String status, String outcome, String endReason, Instant queuedAt,
        Instant initiatedAt, Instant answeredAt, Instant endedAt, Double durationSeconds, Integer sipStatus,
        String localTimeAtCallee) {

    public CallRecord withLocalTimeAtCallee(String localTime) {
        return new CallRecord(id, campaignId, contactId, campaignContactId, attempt, fromNumber, toNumber, status, outcome,
                endReason, queuedAt, initiatedAt, answeredAt, endedAt, durationSeconds, sipStatus, localTime);
    }
}
