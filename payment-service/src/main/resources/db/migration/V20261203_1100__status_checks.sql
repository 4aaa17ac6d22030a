-- Every status column carries a CHECK listing the names its enum (chassis WireName) can store.
ALTER TABLE payment ADD CONSTRAINT payment_status_check
    CHECK (status IN ('pending', 'processing', 'requires_action', 'succeeded', 'failed', 'canceled'));
