-- When each event entered the outbox by the database's clock (created_at is the tenant's business time, which a test
-- clock moves): the age of the oldest unsent event, a pipeline-health metric, is measured from it.
ALTER TABLE outbox_message ADD COLUMN enqueued_at timestamptz NOT NULL DEFAULT now();
