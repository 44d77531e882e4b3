-- A team's own rules for its campaigns: a cap on attempts per phone number over a rolling 24 h,
-- across all its campaigns (null: only the jurisdictions' caps apply). It may only lower them.
CREATE TABLE team_settings (
    team_id              text PRIMARY KEY,
    max_attempts_per_24h integer CHECK (max_attempts_per_24h >= 1),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
