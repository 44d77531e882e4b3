-- The final SIP response of a call (null for other providers), and the campaign's retry rules per
-- outcome in force when it was released (carried by CallInitiated since contract 1.1).
ALTER TABLE calls ADD COLUMN sip_status smallint;
ALTER TABLE calls ADD COLUMN retry_rules jsonb;
