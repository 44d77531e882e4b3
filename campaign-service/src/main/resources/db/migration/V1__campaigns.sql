-- API keys: only the SHA-256 of a key is stored. A key belongs to one team and one account.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    key_hash     char(64)    NOT NULL UNIQUE,
    team_id      text        NOT NULL,
    account_slug text        NOT NULL,
    name         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

-- Caller IDs a team owns.
CREATE TABLE phone_numbers (
    id         uuid PRIMARY KEY,
    team_id    text        NOT NULL,
    number     text        NOT NULL,
    label      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, number)
);

-- The team's CRM contacts that campaigns draw from.
CREATE TABLE contacts (
    id            uuid PRIMARY KEY,
    team_id       text        NOT NULL,
    first_name    text,
    last_name     text,
    phone         text        NOT NULL,
    email         text,
    company_id    text,
    timezone      text,
    do_not_call   boolean     NOT NULL DEFAULT false,
    custom_fields jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tags          text[]      NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_team_created_idx ON contacts (team_id, created_at, id);
CREATE INDEX contacts_team_company_idx ON contacts (team_id, company_id);
CREATE INDEX contacts_team_phone_idx ON contacts (team_id, phone);

CREATE TABLE campaigns (
    id                   uuid PRIMARY KEY,
    team_id              text        NOT NULL,
    assistant_id         text,
    company_id           text,
    name                 text        NOT NULL,
    description          text,
    status               text        NOT NULL,
    call_window_start    text        NOT NULL,
    call_window_end      text        NOT NULL,
    call_window_timezone text        NOT NULL,
    max_concurrent_calls integer     NOT NULL,
    max_retries          integer     NOT NULL,
    retry_delay_minutes  integer     NOT NULL,
    settings             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    scheduled_start_at   timestamptz,
    started_at           timestamptz,
    completed_at         timestamptz,
    total_contacts       bigint      NOT NULL DEFAULT 0,
    contacts_called      bigint      NOT NULL DEFAULT 0,
    contacts_completed   bigint      NOT NULL DEFAULT 0,
    contacts_answered    bigint      NOT NULL DEFAULT 0,
    -- Version of the last CampaignProgress applied: older snapshots are ignored.
    progress_version     bigint      NOT NULL DEFAULT 0,
    -- Budget of the current run (POST /run limit): calls it may still start; null = unlimited.
    run_calls_left       integer,
    -- Rotation cursor over the campaign's caller IDs.
    next_number_index    integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz
);
CREATE INDEX campaigns_team_created_idx ON campaigns (team_id, created_at DESC, id);
CREATE INDEX campaigns_team_status_idx ON campaigns (team_id, status);
CREATE INDEX campaigns_team_assistant_idx ON campaigns (team_id, assistant_id);
CREATE INDEX campaigns_active_idx ON campaigns (status) WHERE status IN ('running', 'scheduled');

CREATE TABLE campaign_phone_numbers (
    campaign_id     uuid    NOT NULL REFERENCES campaigns (id),
    phone_number_id uuid    NOT NULL REFERENCES phone_numbers (id),
    position        integer NOT NULL,
    PRIMARY KEY (campaign_id, phone_number_id)
);

CREATE TABLE campaign_contacts (
    id              uuid PRIMARY KEY,
    -- Insertion order: contacts added in one request share created_at.
    seq             bigserial   NOT NULL,
    campaign_id     uuid        NOT NULL REFERENCES campaigns (id),
    contact_id      uuid        NOT NULL REFERENCES contacts (id),
    status          text        NOT NULL,
    outcome         text,
    skip_reason     text,
    attempts        integer     NOT NULL DEFAULT 0,
    priority        integer     NOT NULL DEFAULT 0,
    -- The call the contact is queued for or on; a settlement for another call id is stale.
    current_call_id uuid,
    from_number     text,
    command_expires_at timestamptz,
    last_attempt_at timestamptz,
    next_attempt_at timestamptz,
    completed_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, contact_id)
);
-- The feeder's pick: pending and due retries by priority, then age.
CREATE INDEX campaign_contacts_dialable_idx ON campaign_contacts (campaign_id, priority DESC, created_at, seq)
    WHERE status = 'pending';
CREATE INDEX campaign_contacts_status_idx ON campaign_contacts (campaign_id, status);
CREATE INDEX campaign_contacts_contact_idx ON campaign_contacts (contact_id);
CREATE UNIQUE INDEX campaign_contacts_call_idx ON campaign_contacts (current_call_id);

CREATE TABLE processed_events (
    event_id     text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    ce_type     text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
