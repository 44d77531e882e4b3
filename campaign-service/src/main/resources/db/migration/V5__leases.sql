-- A granted claim is a lease (DESIGN 4.3): the dialer renews it while its call lasts, and a lease
-- that runs out settles the call as lost. NULL on a 'calling' row: its lease ran out and the
-- lost call's settlement is on its way.
ALTER TABLE campaign_contacts ADD COLUMN lease_until timestamptz;

-- Calls in progress at the upgrade get one lease; dialers of the previous version never renew it.
UPDATE campaign_contacts SET lease_until = now() + interval '30 seconds' WHERE status = 'calling';

CREATE INDEX campaign_contacts_lease_idx ON campaign_contacts (lease_until) WHERE status = 'calling';
