-- An ending of the dialer that held the call's claim now ranks above a skip or the not_dialed
-- ending of a dialer that never held it (5 against 4), so a redelivered command's skip no longer
-- hides the end of the call in progress elsewhere.
UPDATE calls SET status_rank = 5
 WHERE status = 'ended'
   AND NOT (outcome = 'not_dialed' AND end_reason IN ('already_claimed', 'not_current', 'campaign_not_running',
            'window_closed', 'at_capacity', 'not_eligible', 'claim_refused', 'claim_failed', 'claim_too_late'));
