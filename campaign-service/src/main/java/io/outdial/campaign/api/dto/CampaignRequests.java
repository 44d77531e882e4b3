package io.outdial.campaign.api.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.outdial.contract.events.RetryRule;

/** Request bodies of the campaign endpoints. Boxed types: an absent field is null. */
public final class CampaignRequests {

    private CampaignRequests() {
    }

    public record CreateCampaign(
            String teamId,
            String assistantId,
            String companyId,
            @JsonAlias("phoneNumberIds") List<String> fromNumberIds,
            String name,
            String description,
            String scheduledStartAt,
            String callWindowStart,
            String callWindowEnd,
            @JsonAlias("timezone") String callWindowTimezone,
            Integer maxConcurrentCalls,
            Integer maxRetries,
            Integer retryDelayMinutes,
            Map<String, Object> settings,
            Integer ringTimeoutSeconds,
            Integer maxCallDurationSeconds,
            Map<String, RetryRule> retryRules) {
    }

    public record PatchCampaign(
            String assistantId,
            String companyId,
            @JsonAlias("phoneNumberIds") List<String> fromNumberIds,
            String name,
            String description,
            String scheduledStartAt,
            String callWindowStart,
            String callWindowEnd,
            @JsonAlias("timezone") String callWindowTimezone,
            Integer maxConcurrentCalls,
            Integer maxRetries,
            Integer retryDelayMinutes,
            Map<String, Object> settings,
            String status,
            Integer ringTimeoutSeconds,
            Integer maxCallDurationSeconds,
            Map<String, RetryRule> retryRules) {
    }

    public record AddContacts(List<String> contactIds) {
    }

    /** {@code maxCalls} is the seed's other name for {@code limit}: both may be given only when they agree. */
    public record RunCampaign(String accountSlug, Integer limit, Integer maxCalls, Boolean dryRun) {

        public Integer callLimit() {
            return limit != null ? limit : maxCalls;
        }
    }
}
