-- A campaign's claims take turns on its claim lock (a transaction-scoped advisory lock keyed by the
-- campaign) instead of its row, so that a claim does not wait for a release or a counter snapshot
-- holding the row, nor they for it. A claim counts the campaign's calls and reads its status, window,
-- cap and compliance under that lock; so every change of one of those takes the same lock here, and
-- waits for the claims in progress: a claim decides on the campaign as it is, and a pause or a lower
-- cap is never passed by a claim that read the campaign before it. Keep the key in step with
-- DispatchStore.CLAIM_LOCK.
CREATE FUNCTION campaign_claim_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7301, hashtext(NEW.id::text));
    RETURN NEW;
END
$$;

CREATE TRIGGER campaigns_claim_facts_changed BEFORE UPDATE ON campaigns
    FOR EACH ROW
    WHEN ((OLD.status, OLD.call_window_start, OLD.call_window_end, OLD.call_window_timezone, OLD.max_concurrent_calls,
           OLD.compliance_profile, OLD.compliance_opt_out, OLD.require_consent, OLD.team_id, OLD.deleted_at)
          IS DISTINCT FROM
          (NEW.status, NEW.call_window_start, NEW.call_window_end, NEW.call_window_timezone, NEW.max_concurrent_calls,
           NEW.compliance_profile, NEW.compliance_opt_out, NEW.require_consent, NEW.team_id, NEW.deleted_at))
    EXECUTE FUNCTION campaign_claim_lock();
