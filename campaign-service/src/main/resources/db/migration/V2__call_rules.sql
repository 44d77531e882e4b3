-- How calls are placed and retried (API v1.1), and why the system paused a campaign.
ALTER TABLE campaigns
    ADD COLUMN ring_timeout_seconds      integer NOT NULL DEFAULT 30,
    ADD COLUMN max_call_duration_seconds integer NOT NULL DEFAULT 1800,
    -- {"<outcome>": {"delayMinutes": n, "maxAttempts": n}}; outcomes not listed use retry_delay_minutes.
    ADD COLUMN retry_rules               jsonb   NOT NULL DEFAULT '{}'::jsonb,
    -- Set when the system paused the campaign (e.g. config_error_streak); null when a person did.
    ADD COLUMN pause_reason              text,
    -- config_error outcomes in a row: ten pause the campaign (the trunk refuses our credentials).
    ADD COLUMN config_error_streak       integer NOT NULL DEFAULT 0;
