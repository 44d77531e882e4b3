package io.outdial.callresult.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.outdial.contract.calls.CallRecord;

/**
 * A call as the read API shows it. Read-only: the fold writes calls with set-based SQL
 * ({@link CallFold}), so this mapping never does.
 */
@Entity
@Immutable
@Table(name = "calls")
public class Call {

    @Id
    public UUID id;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "campaign_contact_id")
    public UUID campaignContactId;

    public Integer attempt;

    @Column(name = "from_number")
    public String fromNumber;

    @Column(name = "to_number")
    public String toNumber;

    public String status;

    public String outcome;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "initiated_at")
    public Instant initiatedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "talk_seconds")
    public Double talkSeconds;

    @Column(name = "sip_status")
    public Short sipStatus;

    public CallRecord record() {
        return new CallRecord(id.toString(), campaignId.toString(), contactId == null ? null : contactId.toString(),
                campaignContactId == null ? null : campaignContactId.toString(), attempt, fromNumber, toNumber, status,
                outcome, endReason, null, initiatedAt, answeredAt, endedAt, talkSeconds,
                sipStatus == null ? null : sipStatus.intValue(), null);
    }
}
