-- API keys expire (set at creation, or by a rotation's grace period), remember when they were last
-- used, show the first characters of their secret so that an operator can tell them apart, and
-- name the key that replaced them. Keys stored before this change have no prefix.
ALTER TABLE api_keys
    ADD COLUMN key_prefix   text,
    ADD COLUMN expires_at   timestamptz,
    ADD COLUMN last_used_at timestamptz,
    ADD COLUMN replaced_by  uuid REFERENCES api_keys (id);

-- GET /admin/api-keys?teamId= lists a team's keys, oldest first.
CREATE INDEX api_keys_team ON api_keys (team_id, created_at, id);
