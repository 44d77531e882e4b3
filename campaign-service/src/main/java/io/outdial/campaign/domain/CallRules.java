package io.outdial.campaign.domain;

import java.util.Map;

import io.outdial.contract.events.RetryRule;

/** How a campaign's calls are placed and retried beyond the overall maxRetries and retryDelayMinutes. */
public record CallRules(int ringTimeoutSeconds, int maxCallDurationSeconds, Map<String, RetryRule> retryRules) {

    public static final CallRules DEFAULTS = new CallRules(CampaignLimits.DEFAULT_RING_TIMEOUT_SECONDS,
            CampaignLimits.DEFAULT_MAX_CALL_DURATION_SECONDS, Map.of());

    public CallRules {
        retryRules = Map.copyOf(retryRules);
    }

    /** These rules with each given (non-null) value replacing its own. */
    public CallRules with(Integer ringTimeout, Integer maxCallDuration, Map<String, RetryRule> rules) {
        return new CallRules(ringTimeout == null ? ringTimeoutSeconds : ringTimeout,
                maxCallDuration == null ? maxCallDurationSeconds : maxCallDuration, rules == null ? retryRules : rules);
    }
}
