-- Subscriptions their tenant paused, as subscription.paused / subscription.resumed announce them: the invoices of a
-- paused subscription are not retried (no charges while paused). changed_at is the announcing event's time, so a
-- late older event cannot undo a newer one (the two events travel on different topics).
CREATE TABLE subscription_pause (
    subscription_id uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    paused          boolean     NOT NULL,
    changed_at      timestamptz NOT NULL
);
CREATE INDEX subscription_pause_paused_idx ON subscription_pause (subscription_id) WHERE paused;
