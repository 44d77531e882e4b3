package io.outdial.campaign.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.outdial.campaign.domain.ImportReport;
import io.outdial.contract.events.RetryRule;

/** Response bodies of the campaign endpoints. */
public final class CampaignViews {

    private CampaignViews() {
    }

    public record Campaign(
            String id,
            String teamId,
            String assistantId,
            String companyId,
            String name,
            String description,
            String status,
            String fromNumber,
            List<String> fromNumberIds,
            String callWindowStart,
            String callWindowEnd,
            String callWindowTimezone,
            int maxConcurrentCalls,
            int maxRetries,
            int retryDelayMinutes,
            Instant scheduledStartAt,
            Instant startedAt,
            Instant completedAt,
            long totalContacts,
            long contactsCalled,
            long contactsCompleted,
            long contactsAnswered,
            Map<String, Object> settings,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt,
            int ringTimeoutSeconds,
            int maxCallDurationSeconds,
            Map<String, RetryRule> retryRules,
            String pauseReason,
            String complianceProfile,
            boolean complianceOptOut,
            boolean requireConsent,
            /* When the next call can start, for a running campaign whose remaining contacts all wait; else null. */
            Instant nextCallAt,
            Map<String, String> variables) {
    }

    public record CampaignList(List<Campaign> campaigns, long total, int limit, int offset) {
    }

    /**
     * One decision about a contact: kind attempt (a granted claim), skip, refusal or wait, its reason
     * code, the callee's local date-time with zone, and the version of the rules applied.
     */
    public record AuditEventView(long id, String kind, String reason, String contactId, String campaignContactId,
            String callId, String phone, String localTimeAtCallee, String rulesVersion, Instant at) {
    }

    public record AuditList(List<AuditEventView> events, long total, int limit, int offset) {
    }

    /**
     * {@code nextEligibleAt} and {@code waitReason} tell when and why a pending contact waits (null when
     * it is ready; a null time with a reason waits until the contact's data changes, e.g. its timezone).
     */
    public record CampaignContact(String id, String contactId, String status, String outcome, int attempts,
            Instant lastAttemptAt, Instant nextAttemptAt, Instant completedAt, int priority, String skipReason,
            Instant nextEligibleAt, String waitReason) {
    }

    /** {@code nextCursor}: pass it as {@code cursor} for the next page; null on the last page. */
    public record CampaignContactList(List<CampaignContact> contacts, Map<String, Long> statusCounts, long total,
            int limit, int offset, String nextCursor) {
    }

    public record InvalidContact(String contactId, String reason) {
    }

    public record AddContactsResult(int added, int alreadyInCampaign, List<InvalidContact> invalid, long totalContacts) {
    }

    /**
     * A contact import into a campaign: the import's answer (as {@code POST /api/crm/contacts/import}),
     * then how many of the imported contacts joined the campaign and its contacts now.
     */
    public record CampaignImportResult(long imported, long failed, List<ImportReport.RowError> errors, String importId,
            int added, long totalContacts) {
    }

    /** A call the run started (or, in a dry run, would start). */
    public record RunCall(String id, String campaignId, String campaignContactId, String contactId, int attempt,
            String toNumber, String fromNumber, String status) {
    }

    public record RunResult(int started, int failed, List<RunCall> calls, List<String> errors, String message,
            boolean dryRun) {
    }
}
