-- The import that created a contact, so that a campaign can take in an import's contacts in one statement.
ALTER TABLE contacts ADD COLUMN import_id uuid;
CREATE INDEX contacts_team_import_idx ON contacts (team_id, import_id) WHERE import_id IS NOT NULL;
-- Adding a team's contacts by tag to a campaign.
CREATE INDEX contacts_tags_idx ON contacts USING gin (tags);
-- Pages of a campaign's contacts by cursor, in the list's order (the dialable index covers pending ones only).
CREATE INDEX campaign_contacts_list_idx ON campaign_contacts (campaign_id, priority DESC, created_at, seq);
