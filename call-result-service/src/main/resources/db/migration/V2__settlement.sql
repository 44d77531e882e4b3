-- The retry rules in force when the call was released (carried by CallInitiated).
ALTER TABLE calls ADD COLUMN max_retries integer;
ALTER TABLE calls ADD COLUMN retry_delay_minutes integer;

-- What the counters know of each campaign contact, so each counts at most once.
CREATE TABLE contact_progress (
    campaign_contact_id uuid PRIMARY KEY,
    campaign_id         uuid    NOT NULL,
    attempts            integer NOT NULL DEFAULT 0,
    completed           boolean NOT NULL DEFAULT false,
    answered            boolean NOT NULL DEFAULT false
);
CREATE INDEX contact_progress_campaign_idx ON contact_progress (campaign_id);

-- Per-campaign counters; version grows with every change, published_version trails it.
CREATE TABLE campaign_stats (
    campaign_id        uuid PRIMARY KEY,
    contacts_called    bigint NOT NULL DEFAULT 0,
    contacts_completed bigint NOT NULL DEFAULT 0,
    contacts_answered  bigint NOT NULL DEFAULT 0,
    calls_in_progress  bigint NOT NULL DEFAULT 0,
    version            bigint NOT NULL DEFAULT 0,
    published_version  bigint NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_stats_unpublished_idx ON campaign_stats (campaign_id) WHERE version > published_version;

-- A call settles its contact once: the first of CallEnded, CallSkipped or the lost-call sweep.
ALTER TABLE calls ADD COLUMN settled boolean NOT NULL DEFAULT false;
