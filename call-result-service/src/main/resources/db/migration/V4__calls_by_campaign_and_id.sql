-- A campaign's calls in id order, for exports that page by the last id they read (keyset).
CREATE INDEX calls_campaign_id_idx ON calls (campaign_id, id);
