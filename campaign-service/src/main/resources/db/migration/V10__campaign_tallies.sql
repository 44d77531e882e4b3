-- How many campaigns each team has per status, soft-deleted or not: the total of GET /api/crm/campaigns
-- without counting the team's rows on every page (a count(*) of 10,000 campaigns took 3-4 ms of a
-- database core per request).
--
-- Append-only: a campaign's insert adds a row of +1 to its key, its delete one of -1, and a change
-- of status or deletion one of -1 to the old key and one of +1 to the new, so that concurrent
-- writers take no lock on a shared row and cannot deadlock on one. A key's total is the sum of its
-- rows; CampaignReads.compactTallies() (run by TallyFolding) folds them into one row per key in one
-- statement, which readers see either before or after, never half-way.
CREATE TABLE campaign_tallies (
    team_id   text    NOT NULL,
    status    text    NOT NULL,
    deleted   boolean NOT NULL,
    campaigns bigint  NOT NULL
);
CREATE INDEX campaign_tallies_key_idx ON campaign_tallies (team_id, status, deleted);

CREATE FUNCTION campaign_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO campaign_tallies VALUES (OLD.team_id, OLD.status, OLD.deleted_at IS NOT NULL, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO campaign_tallies VALUES (NEW.team_id, NEW.status, NEW.deleted_at IS NOT NULL, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER campaigns_tally_added_or_removed AFTER INSERT OR DELETE ON campaigns
    FOR EACH ROW EXECUTE FUNCTION campaign_tally();
-- Only updates that name these columns fire it (not the dialing counters' updates), and of those
-- only the ones that move the campaign to another key.
CREATE TRIGGER campaigns_tally_moved AFTER UPDATE OF team_id, status, deleted_at ON campaigns
    FOR EACH ROW
    WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.status IS DISTINCT FROM NEW.status
          OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
    EXECUTE FUNCTION campaign_tally();

INSERT INTO campaign_tallies
SELECT team_id, status, deleted_at IS NOT NULL, count(*) FROM campaigns GROUP BY 1, 2, 3;
