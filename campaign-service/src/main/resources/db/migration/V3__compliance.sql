-- Who may be called, and when (DESIGN 4b).

-- Where a contact is and what it agreed to: the state refines its location beyond the number's
-- area code; consent is required by campaigns with require_consent (AI voices, FCC 24-17).
ALTER TABLE contacts
    ADD COLUMN state               text,
    -- express_written | express | none; null when none was recorded
    ADD COLUMN consent_type        text,
    ADD COLUMN consent_obtained_at timestamptz,
    ADD COLUMN consent_source      text;

ALTER TABLE campaigns
    -- us_tcpa | none; null = the default for the number (us_tcpa for +1 numbers)
    ADD COLUMN compliance_profile  text,
    ADD COLUMN compliance_opt_out  boolean NOT NULL DEFAULT false,
    ADD COLUMN require_consent     boolean NOT NULL DEFAULT false;

-- A pending contact is ready (next_eligible_at null) or waits until next_eligible_at for
-- wait_reason (outside_local_hours, frequency_cap, timezone_unknown, campaign_window,
-- retry_delay). The feeder picks ready contacts by the dialable index and wakes due ones by the
-- waiting index: neither rescans the contacts that wait.
ALTER TABLE campaign_contacts
    ADD COLUMN next_eligible_at    timestamptz,
    ADD COLUMN wait_reason         text;
UPDATE campaign_contacts SET next_eligible_at = next_attempt_at, wait_reason = 'retry_delay'
 WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at > now();
DROP INDEX campaign_contacts_dialable_idx;
CREATE INDEX campaign_contacts_dialable_idx ON campaign_contacts (campaign_id, priority DESC, created_at, seq)
    WHERE status = 'pending' AND next_eligible_at IS NULL;
CREATE INDEX campaign_contacts_waiting_idx ON campaign_contacts (campaign_id, next_eligible_at)
    WHERE status = 'pending' AND next_eligible_at IS NOT NULL;

-- The team's do-not-call list: checked at release and, authoritatively, at claim.
CREATE TABLE dnc_numbers (
    team_id    text        NOT NULL,
    number     text        NOT NULL,
    source     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, number)
);

-- Every granted claim, per team and number: the frequency cap counts these over a rolling 24 h.
CREATE TABLE dial_attempts (
    team_id      text        NOT NULL,
    number       text        NOT NULL,
    attempted_at timestamptz NOT NULL,
    campaign_id  uuid        NOT NULL,
    call_id      uuid        NOT NULL
);
CREATE INDEX dial_attempts_number_idx ON dial_attempts (team_id, number, attempted_at);

-- What was decided about each contact and why: attempts (granted claims), skips, refusals and waits,
-- with the callee's local time and the rule set applied.
CREATE TABLE audit_events (
    id                  bigserial   PRIMARY KEY,
    campaign_id         uuid        NOT NULL,
    campaign_contact_id uuid,
    contact_id          uuid,
    call_id             uuid,
    -- attempt | skip | refusal | wait
    kind                text        NOT NULL,
    reason              text,
    phone               text,
    -- ISO local date-time at the callee with its zone, e.g. 2026-11-30T09:15:00-05:00[America/New_York]
    local_time          text,
    rules_version       text,
    at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_campaign_idx ON audit_events (campaign_id, id);
CREATE INDEX audit_events_call_idx ON audit_events (call_id) WHERE call_id IS NOT NULL;
