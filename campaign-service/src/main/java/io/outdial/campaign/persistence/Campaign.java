package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.outdial.campaign.domain.CallRules;
import io.outdial.campaign.domain.CampaignDialing;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.RetryRule;

/**
 * A campaign and its caller IDs in rotation order. The counters, the rotation cursor and the
 * config-error streak belong to the dispatch loop (set-based SQL), so this mapping never writes
 * them; {@link DynamicUpdate} keeps an update to the columns that changed.
 */
@Entity
@Table(name = "campaigns")
@DynamicUpdate
public class Campaign {

    @Id
    public UUID id;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(name = "assistant_id")
    public String assistantId;

    @Column(name = "company_id")
    public String companyId;

    @Column(nullable = false)
    public String name;

    public String description;

    @Convert(converter = CampaignStatusColumn.class)
    @Column(nullable = false)
    public CampaignStatus status;

    @Column(name = "call_window_start", nullable = false)
    public String callWindowStart;

    @Column(name = "call_window_end", nullable = false)
    public String callWindowEnd;

    @Column(name = "call_window_timezone", nullable = false)
    public String callWindowTimezone;

    @Column(name = "max_concurrent_calls", nullable = false)
    public int maxConcurrentCalls;

    @Column(name = "max_retries", nullable = false)
    public int maxRetries;

    @Column(name = "retry_delay_minutes", nullable = false)
    public int retryDelayMinutes;

    @Column(name = "ring_timeout_seconds", nullable = false)
    public int ringTimeoutSeconds;

    @Column(name = "max_call_duration_seconds", nullable = false)
    public int maxCallDurationSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "retry_rules", nullable = false)
    public Map<String, RetryRule> retryRules = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> settings = new LinkedHashMap<>();

    /** Told to the assistant with every call; a contact's own values replace them (domain.AssistantVariables). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> variables = new LinkedHashMap<>();

    @Column(name = "scheduled_start_at")
    public Instant scheduledStartAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "total_contacts", insertable = false, updatable = false)
    public long totalContacts;

    @Column(name = "contacts_called", insertable = false, updatable = false)
    public long contactsCalled;

    @Column(name = "contacts_completed", insertable = false, updatable = false)
    public long contactsCompleted;

    @Column(name = "contacts_answered", insertable = false, updatable = false)
    public long contactsAnswered;

    /** Calls the current run may still start (POST /run limit); null = unlimited. */
    @Column(name = "run_calls_left")
    public Integer runCallsLeft;

    @Column(name = "next_number_index", insertable = false, updatable = false)
    public int nextNumberIndex;

    @Column(name = "config_error_streak", insertable = false)
    public int configErrorStreak;

    @Column(name = "pause_reason")
    public String pauseReason;

    /** us_tcpa | none; null = the default rule set. */
    @Column(name = "compliance_profile")
    public String complianceProfile;

    @Column(name = "compliance_opt_out", nullable = false)
    public boolean complianceOptOut;

    @Column(name = "require_consent", nullable = false)
    public boolean requireConsent;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "campaign_phone_numbers", joinColumns = @JoinColumn(name = "campaign_id"),
            inverseJoinColumns = @JoinColumn(name = "phone_number_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    public List<PhoneNumber> callerIds = new ArrayList<>();

    public CallWindow window() {
        return CallWindow.of(callWindowStart, callWindowEnd, callWindowTimezone);
    }

    public CallRules callRules() {
        return new CallRules(ringTimeoutSeconds, maxCallDurationSeconds, retryRules);
    }

    public void callRules(CallRules rules) {
        ringTimeoutSeconds = rules.ringTimeoutSeconds();
        maxCallDurationSeconds = rules.maxCallDurationSeconds();
        retryRules = new LinkedHashMap<>(rules.retryRules());
    }

    public List<UUID> fromNumberIds() {
        return callerIds.stream().map(n -> n.id).toList();
    }

    /** The primary caller ID: the first in rotation order. */
    public String fromNumber() {
        return callerIds.isEmpty() ? null : callerIds.get(0).number;
    }

    /** What decides when the campaign's contacts may be called: a change re-opens their waits. */
    public List<Object> callTimeRules() {
        return Arrays.asList(callWindowStart, callWindowEnd, callWindowTimezone, complianceProfile,
                complianceOptOut);
    }

    public CampaignDialing dialing() {
        return new CampaignDialing(id, teamId, status.wireName(), maxConcurrentCalls, callWindowStart, callWindowEnd,
                callWindowTimezone);
    }
}
