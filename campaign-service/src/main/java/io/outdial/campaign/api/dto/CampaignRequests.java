package io.outdial.campaign.api.dto;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.Range;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.outdial.campaign.api.validation.ComplianceChoice;
import io.outdial.campaign.api.validation.DistinctElements;
import io.outdial.campaign.api.validation.IanaTimeZone;
import io.outdial.campaign.api.validation.JsonSize;
import io.outdial.campaign.api.validation.NullOrNotBlank;
import io.outdial.campaign.api.validation.OffsetTimestamp;
import io.outdial.campaign.api.validation.RetryRules;
import io.outdial.campaign.api.validation.RunLimitAlias;
import io.outdial.campaign.api.validation.TimeOfDay;
import io.outdial.campaign.api.validation.Uuid;
import io.outdial.campaign.api.validation.Variables;
import io.outdial.campaign.api.validation.WindowEnds;
import io.outdial.campaign.domain.CampaignLimits;
import io.outdial.campaign.domain.ContactDraft;
import io.outdial.campaign.domain.ContactSelector;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.Ids;
import io.outdial.contract.events.RetryRule;

/**
 * Request bodies of the campaign endpoints and their field rules (checked before the resource runs;
 * every broken rule of a request is reported at once). Boxed types: an absent field is null.
 */
public final class CampaignRequests {

    private static final String BETWEEN = "must be between {min} and {max}";
    private static final String AT_MOST = "must be at most {max} characters";
    private static final String NOT_A_NUMBER_ID = "must be a phone number id";
    private static final String SETTINGS_SIZE = "must be at most 64 KB of JSON";
    private static final int MAX_SETTINGS_BYTES = 64 * 1024;

    private CampaignRequests() {
    }

    /**
     * {@code complianceProfile} null = the default rule set ({@code us_tcpa}); {@code none} only with
     * {@code complianceOptOut: true}.
     */
    @WindowEnds(defaultStart = CampaignLimits.DEFAULT_WINDOW_START, defaultEnd = CampaignLimits.DEFAULT_WINDOW_END)
    @ComplianceChoice
    public record CreateCampaign(
            @Size(max = 200, message = AT_MOST) String teamId,
            @Size(max = 200, message = AT_MOST) String assistantId,
            @Size(max = 200, message = AT_MOST) String companyId,
            @JsonAlias("phoneNumberIds")
            @Size(max = CampaignLimits.MAX_CALLER_IDS, message = "must have at most {max} numbers")
            @DistinctElements
            List<@NotNull(message = NOT_A_NUMBER_ID) @Uuid(message = NOT_A_NUMBER_ID) String> fromNumberIds,
            @NotBlank(message = "is required") @Size(max = 200, message = AT_MOST) String name,
            @Size(max = 2000, message = AT_MOST) String description,
            @OffsetTimestamp String scheduledStartAt,
            @TimeOfDay String callWindowStart,
            @TimeOfDay String callWindowEnd,
            @JsonAlias("timezone") @IanaTimeZone String callWindowTimezone,
            @Range(min = 1, max = CampaignLimits.MAX_CONCURRENT_CALLS, message = BETWEEN) Integer maxConcurrentCalls,
            @Range(min = 0, max = CampaignLimits.MAX_RETRIES, message = BETWEEN) Integer maxRetries,
            @Range(min = 0, max = CampaignLimits.MAX_RETRY_DELAY_MINUTES, message = BETWEEN) Integer retryDelayMinutes,
            @JsonSize(maxBytes = MAX_SETTINGS_BYTES, message = SETTINGS_SIZE) Map<String, Object> settings,
            @Range(min = CampaignLimits.MIN_RING_TIMEOUT_SECONDS, max = CampaignLimits.MAX_RING_TIMEOUT_SECONDS,
                    message = BETWEEN) Integer ringTimeoutSeconds,
            @Range(min = CampaignLimits.MIN_CALL_DURATION_SECONDS, max = CampaignLimits.MAX_CALL_DURATION_SECONDS,
                    message = BETWEEN) Integer maxCallDurationSeconds,
            @RetryRules Map<String, RetryRule> retryRules,
            String complianceProfile,
            Boolean complianceOptOut,
            Boolean requireConsent,
            @Variables Map<String, String> variables) implements WindowEnds.Fields, ComplianceChoice.Fields {
    }

    /**
     * Every member optional (null = unchanged). Start and end are checked against each other here when
     * both are given; against the stored window when the patch is applied. The same holds for
     * complianceProfile and complianceOptOut.
     */
    @WindowEnds
    @ComplianceChoice(partial = true)
    public record PatchCampaign(
            @Size(max = 200, message = AT_MOST) String assistantId,
            @Size(max = 200, message = AT_MOST) String companyId,
            @JsonAlias("phoneNumberIds")
            @Size(max = CampaignLimits.MAX_CALLER_IDS, message = "must have at most {max} numbers")
            @DistinctElements
            List<@NotNull(message = NOT_A_NUMBER_ID) @Uuid(message = NOT_A_NUMBER_ID) String> fromNumberIds,
            @NullOrNotBlank @Size(max = 200, message = AT_MOST) String name,
            @Size(max = 2000, message = AT_MOST) String description,
            @OffsetTimestamp String scheduledStartAt,
            @TimeOfDay String callWindowStart,
            @TimeOfDay String callWindowEnd,
            @JsonAlias("timezone") @IanaTimeZone String callWindowTimezone,
            @Range(min = 1, max = CampaignLimits.MAX_CONCURRENT_CALLS, message = BETWEEN) Integer maxConcurrentCalls,
            @Range(min = 0, max = CampaignLimits.MAX_RETRIES, message = BETWEEN) Integer maxRetries,
            @Range(min = 0, max = CampaignLimits.MAX_RETRY_DELAY_MINUTES, message = BETWEEN) Integer retryDelayMinutes,
            @JsonSize(maxBytes = MAX_SETTINGS_BYTES, message = SETTINGS_SIZE) Map<String, Object> settings,
            @Pattern(regexp = "paused|running|cancelled", message = "must be one of paused, running, cancelled") String status,
            @Range(min = CampaignLimits.MIN_RING_TIMEOUT_SECONDS, max = CampaignLimits.MAX_RING_TIMEOUT_SECONDS,
                    message = BETWEEN) Integer ringTimeoutSeconds,
            @Range(min = CampaignLimits.MIN_CALL_DURATION_SECONDS, max = CampaignLimits.MAX_CALL_DURATION_SECONDS,
                    message = BETWEEN) Integer maxCallDurationSeconds,
            @RetryRules Map<String, RetryRule> retryRules,
            String complianceProfile,
            Boolean complianceOptOut,
            Boolean requireConsent,
            @Variables Map<String, String> variables) implements WindowEnds.Fields, ComplianceChoice.Fields {
    }

    /** Exactly one of {@code contactIds} and {@code filter}. */
    public record AddContacts(
            @Size(min = 1, max = CampaignLimits.MAX_CONTACTS_PER_REQUEST, message = "must have between {min} and {max} ids")
            List<String> contactIds,
            ContactFilter filter) {
    }

    /** Which of the team's contacts to add: exactly one of all (true), tag, companyId and importId. */
    public record ContactFilter(Boolean all, String tag, String companyId, String importId) {

        /** What the filter selects, or null after adding to {@code errors} why it selects nothing. */
        public ContactSelector selector(List<FieldError> errors) {
            long given = Stream.of(all, tag, companyId, importId).filter(Objects::nonNull).count();
            if (given != 1) {
                errors.add(new FieldError("filter", "must have exactly one of all, tag, companyId, importId"));
                return null;
            }
            if (all != null) {
                return all ? new ContactSelector.All() : invalid(errors, "filter.all", "must be true");
            }
            if (tag != null) {
                return tag.isBlank() || tag.length() > ContactDraft.MAX_TAG_LENGTH
                        ? invalid(errors, "filter.tag", "must be a non-blank string of at most " + ContactDraft.MAX_TAG_LENGTH
                                + " characters")
                        : new ContactSelector.Tagged(tag);
            }
            if (companyId != null) {
                return companyId.isBlank() || companyId.length() > ContactDraft.MAX_COMPANY_ID_LENGTH
                        ? invalid(errors, "filter.companyId", "must be a non-blank string of at most "
                                + ContactDraft.MAX_COMPANY_ID_LENGTH + " characters")
                        : new ContactSelector.OfCompany(companyId);
            }
            UUID id = Ids.parseOrNull(importId);
            return id == null ? invalid(errors, "filter.importId", "must be an importId of a contact import")
                    : new ContactSelector.FromImport(id);
        }

        private static ContactSelector invalid(List<FieldError> errors, String field, String message) {
            errors.add(new FieldError(field, message));
            return null;
        }
    }

    /** {@code maxCalls} is the seed's other name for {@code limit}: both may be given only when they agree. */
    @RunLimitAlias
    public record RunCampaign(
            @NotBlank(message = "is required") @Size(max = 200, message = AT_MOST) String accountSlug,
            @Range(min = 1, max = CampaignLimits.MAX_RUN_LIMIT, message = BETWEEN) Integer limit,
            @Range(min = 1, max = CampaignLimits.MAX_RUN_LIMIT, message = BETWEEN) Integer maxCalls,
            Boolean dryRun) {

        public Integer callLimit() {
            return limit != null ? limit : maxCalls;
        }
    }

    /** A timestamp with an explicit offset (a bare local time would be ambiguous), or null. */
    public static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Ids the request's rules have already checked to be UUIDs. */
    public static List<UUID> uuids(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(UUID::fromString).toList();
    }
}
