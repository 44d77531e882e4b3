package io.outdial.campaign.domain;

/** The configuration fields of a campaign, by their API names. */
public enum CampaignField {
    NAME("name", false),
    DESCRIPTION("description", false),
    ASSISTANT_ID("assistantId", false),
    COMPANY_ID("companyId", false),
    FROM_NUMBER_IDS("fromNumberIds", false),
    SCHEDULED_START_AT("scheduledStartAt", false),
    SETTINGS("settings", false),
    CALL_WINDOW_START("callWindowStart", true),
    CALL_WINDOW_END("callWindowEnd", true),
    CALL_WINDOW_TIMEZONE("callWindowTimezone", true),
    MAX_CONCURRENT_CALLS("maxConcurrentCalls", true),
    MAX_RETRIES("maxRetries", true),
    RETRY_DELAY_MINUTES("retryDelayMinutes", true),
    RETRY_RULES("retryRules", true),
    RING_TIMEOUT_SECONDS("ringTimeoutSeconds", false),
    MAX_CALL_DURATION_SECONDS("maxCallDurationSeconds", false),
    // Like the window, they decide who may be called when; the claim applies them to the next dial.
    COMPLIANCE_PROFILE("complianceProfile", true),
    COMPLIANCE_OPT_OUT("complianceOptOut", true),
    REQUIRE_CONSENT("requireConsent", true),
    VARIABLES("variables", false);

    private final String apiName;
    private final boolean changeableWhileRunning;

    CampaignField(String apiName, boolean changeableWhileRunning) {
        this.apiName = apiName;
        this.changeableWhileRunning = changeableWhileRunning;
    }

    public String apiName() {
        return apiName;
    }

    public boolean changeableWhileRunning() {
        return changeableWhileRunning;
    }
}
