-- When each event entered the outbox by the database's clock (created_at is the tenant's business time, which a test
-- clock moves): the age of the oldest unsent event, a pipeline-health metric, is measured from it.
ALTER TABLE outbox_message ADD COLUMN enqueued_at timestamptz NOT NULL DEFAULT now();
-- Events still waiting at the upgrade keep their age: their business time is when they were written (production
-- runs no test clocks), and never later than now.
UPDATE outbox_message SET enqueued_at = least(created_at, now()) WHERE sent_at IS NULL;
