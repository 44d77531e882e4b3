package io.outdial.campaign.domain;

/** Defaults (the vendor's documented ones) and bounds of campaign settings. */
public final class CampaignLimits {

    public static final String DEFAULT_WINDOW_START = "09:00";
    public static final String DEFAULT_WINDOW_END = "17:00";
    public static final String DEFAULT_TIMEZONE = "America/New_York";
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 3;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int DEFAULT_RETRY_DELAY_MINUTES = 60;
    public static final int DEFAULT_RING_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_CALL_DURATION_SECONDS = 1800;

    public static final int MAX_CONCURRENT_CALLS = 10_000;
    public static final int MAX_RETRIES = 20;
    public static final int MAX_RETRY_DELAY_MINUTES = 30 * 24 * 60;
    public static final int MAX_CALLER_IDS = 100;
    public static final int MAX_CONTACTS_PER_REQUEST = 10_000;
    public static final int MAX_RUN_LIMIT = 10_000_000;
    public static final int MIN_RING_TIMEOUT_SECONDS = 15;
    public static final int MAX_RING_TIMEOUT_SECONDS = 120;
    public static final int MIN_CALL_DURATION_SECONDS = 10;
    public static final int MAX_CALL_DURATION_SECONDS = 4 * 60 * 60;
    /** config_error outcomes in a row after which the system pauses a campaign. */
    public static final int CONFIG_ERROR_STREAK_PAUSE = 10;

    private CampaignLimits() {
    }
}
