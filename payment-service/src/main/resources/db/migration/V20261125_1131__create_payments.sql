-- One row per attempt to collect an invoice. The provider is called with idempotency_key, so repeating an attempt
-- (after a crash, from the recovery job) never charges twice.
CREATE TABLE payment (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    invoice_id          uuid        NOT NULL,
    subscription_id     uuid,
    customer_id         uuid        NOT NULL,
    payment_method_id   uuid,
    amount              bigint      NOT NULL CHECK (amount >= 0),
    currency            text        NOT NULL,
    status              text        NOT NULL,
    provider            text        NOT NULL,
    provider_reference  text,
    attempt             integer     NOT NULL CHECK (attempt >= 1),
    idempotency_key     text        NOT NULL,
    failure_code        text,
    failure_message     text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- When the provider was last asked for this attempt; the recovery job claims stuck rows by moving it forward.
    charge_attempted_at timestamptz NOT NULL,
    -- Exactly one payment per invoice attempt, however often invoice.finalized is delivered.
    CONSTRAINT payment_invoice_attempt_uq UNIQUE (tenant_id, invoice_id, attempt)
);

CREATE INDEX payment_tenant_created_idx ON payment (tenant_id, created_at DESC, id DESC);
CREATE INDEX payment_customer_created_idx ON payment (tenant_id, customer_id, created_at DESC, id DESC);
-- The recovery job's lookup stays small: only attempts still waiting for the provider's answer.
CREATE INDEX payment_processing_idx ON payment (charge_attempted_at) WHERE status = 'processing';

-- The simulated provider's own books, kept apart from ours as a real provider's would be: one charge per
-- idempotency key, replayed (same reference, same outcome) when the key comes again.
CREATE TABLE simulator_charge (
    idempotency_key text        PRIMARY KEY,
    reference       text        NOT NULL,
    outcome         text        NOT NULL,
    amount          bigint      NOT NULL,
    currency        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    -- How often the provider was asked with this key: a row is one charge, however many requests it answered.
    requests        integer     NOT NULL DEFAULT 1
);
