CREATE TABLE invoice (
    id                         uuid        PRIMARY KEY,
    tenant_id                  text        NOT NULL,
    number                     text,
    customer_id                uuid        NOT NULL,
    subscription_id            uuid,
    status                     text        NOT NULL,
    currency                   text        NOT NULL,
    amount_due                 bigint      NOT NULL,
    amount_paid                bigint      NOT NULL,
    amount_remaining           bigint      NOT NULL,
    attempt_count              integer     NOT NULL,
    due_date                   date,
    period_start               timestamptz,
    period_end                 timestamptz,
    last_payment_error_code    text,
    last_payment_error_message text,
    next_payment_attempt       timestamptz,
    finalized_at               timestamptz,
    paid_at                    timestamptz,
    metadata                   text        NOT NULL DEFAULT '{}',
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    CONSTRAINT invoice_status_ck CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
    CONSTRAINT invoice_amounts_ck CHECK (amount_due >= 0 AND amount_paid >= 0 AND amount_paid <= amount_due
        AND amount_remaining = amount_due - amount_paid),
    -- Everything but a draft carries its number.
    CONSTRAINT invoice_number_ck CHECK (status = 'draft' OR number IS NOT NULL),
    -- One invoice per subscription period, however often the period's event is delivered or re-sent.
    CONSTRAINT invoice_subscription_period_uq UNIQUE (tenant_id, subscription_id, period_start)
);

-- Invoice numbers are the tenant's legal sequence: never two alike.
CREATE UNIQUE INDEX invoice_tenant_number_uq ON invoice (tenant_id, number) WHERE number IS NOT NULL;
-- Newest-first cursor paging per tenant, unfiltered and by customer or status
-- (the subscription filter uses invoice_subscription_period_uq).
CREATE INDEX invoice_tenant_created_idx ON invoice (tenant_id, created_at DESC, id DESC);
CREATE INDEX invoice_tenant_customer_idx ON invoice (tenant_id, customer_id, created_at DESC, id DESC);
CREATE INDEX invoice_tenant_status_idx ON invoice (tenant_id, status, created_at DESC, id DESC);

CREATE TABLE invoice_item (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    invoice_id   uuid        NOT NULL REFERENCES invoice (id),
    line_number  integer     NOT NULL,
    description  text        NOT NULL,
    quantity     bigint      NOT NULL CHECK (quantity >= 1),
    unit_amount  bigint      NOT NULL CHECK (unit_amount >= 0),
    amount       bigint      NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    proration    boolean     NOT NULL,
    CONSTRAINT invoice_item_amount_ck CHECK (amount = quantity * unit_amount),
    CONSTRAINT invoice_item_line_uq UNIQUE (invoice_id, line_number)
);

-- Each tenant's last issued invoice number. Advanced inside the finalizing transaction, so the row lock
-- serializes a tenant's finalizations and a rollback gives the number back: numbers stay gapless.
CREATE TABLE invoice_number_sequence (
    tenant_id   text   PRIMARY KEY,
    last_number bigint NOT NULL
);
