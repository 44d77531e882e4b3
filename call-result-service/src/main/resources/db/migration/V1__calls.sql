-- Call records folded from dialer.call-events.v1. Columns are nullable because events of one
-- call may arrive out of order (ringing before initiated): each event fills what it knows.
CREATE TABLE calls (
    id                  uuid PRIMARY KEY,
    campaign_id         uuid        NOT NULL,
    campaign_contact_id uuid,
    contact_id          uuid,
    attempt             integer,
    from_number         text,
    to_number           text,
    dialer_id           text,
    status              text        NOT NULL,
    status_rank         smallint    NOT NULL,
    outcome             text,
    end_reason          text,
    initiated_at        timestamptz,
    ringing_at          timestamptz,
    answered_at         timestamptz,
    ended_at            timestamptz,
    ring_seconds        double precision,
    talk_seconds        double precision,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_campaign_idx ON calls (campaign_id, initiated_at);
CREATE INDEX calls_contact_idx ON calls (campaign_id, contact_id);
CREATE INDEX calls_open_idx ON calls (initiated_at) WHERE status_rank < 4;

-- Insert-first deduplication: an event id is applied once, ever, in the same transaction as its effect.
CREATE TABLE processed_events (
    event_id     text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox: rows written with the business change, published and deleted by the relay.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    ce_type     text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
