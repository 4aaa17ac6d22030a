-- What customers should hear of, one row per (triggering event, notification type), and its delivery state.
CREATE TABLE notification (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    customer_id     uuid        NOT NULL,
    type            text        NOT NULL
        CHECK (type IN ('invoice_finalized', 'payment_receipt', 'payment_failed', 'subscription_canceled')),
    channel         text        NOT NULL,
    -- null until the customer's billing email is known (customer.created may arrive after the billing event)
    recipient       text,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    invoice_id      uuid,
    payment_id      uuid,
    subscription_id uuid,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    -- when the dispatcher may look at a pending notification again (retry back-off, recipient still unknown)
    next_attempt_at timestamptz NOT NULL,
    -- Beside the Inbox: a redelivered event can never record the same notification twice.
    CONSTRAINT notification_event_type_uq UNIQUE (tenant_id, event_id, type)
);

-- Newest-first cursor paging per tenant, optionally per customer.
CREATE INDEX notification_tenant_created_idx ON notification (tenant_id, created_at DESC, id DESC);
CREATE INDEX notification_tenant_customer_idx ON notification (tenant_id, customer_id, created_at DESC, id DESC);
-- The dispatcher only ever looks at pending rows that are due.
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status = 'pending';
