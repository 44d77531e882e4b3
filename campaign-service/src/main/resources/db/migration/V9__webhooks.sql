-- Webhooks: endpoints a team registers, one delivery per (endpoint, event), and every attempt of it.

CREATE TABLE webhook_endpoints (
    id              uuid        PRIMARY KEY,
    team_id         text        NOT NULL,
    url             text        NOT NULL,
    events          text[]      NOT NULL,
    description     text,
    -- The signing secret ("whsec_" + base64): needed in clear to sign, shown to the team once.
    secret          text        NOT NULL,
    enabled         boolean     NOT NULL DEFAULT true,
    disabled_reason text,
    -- Since when every attempt has failed (null after a success): past the give-up period the endpoint is disabled.
    failing_since   timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_team_idx ON webhook_endpoints (team_id, created_at, id);

-- One message to one endpoint. The unique key makes a redelivered Kafka record insert nothing.
CREATE TABLE webhook_deliveries (
    id              uuid        PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    payload         text        NOT NULL,
    -- pending (an attempt is due at next_attempt_at), delivered, or failed (retries given up).
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (endpoint_id, event_id, event_type)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id);

CREATE TABLE webhook_attempts (
    id              uuid        PRIMARY KEY,
    delivery_id     uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt         integer     NOT NULL,
    attempted_at    timestamptz NOT NULL,
    http_status     integer,
    error           text,
    duration_ms     integer     NOT NULL,
    next_attempt_at timestamptz
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt);
