-- How much of each payment was given back: refunds succeeded or still under way. A refund reserves its amount here
-- in the transaction that records it (the payment row locked), so two refunds at once can never give back more
-- than was captured; a refund the provider refuses gives its amount back.
ALTER TABLE payment ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0;
ALTER TABLE payment ADD CONSTRAINT payment_amount_refunded_ck CHECK (amount_refunded >= 0 AND amount_refunded <= amount);

-- Money given back from a captured payment, asked for through our API (source api) or made in the provider's
-- dashboard and learned from its webhook (source provider). The provider is asked with idempotency_key, so a
-- repeated request (a timeout, the recovery job) refunds once.
CREATE TABLE refund (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    payment_id          uuid        NOT NULL REFERENCES payment (id),
    invoice_id          uuid        NOT NULL,
    customer_id         uuid        NOT NULL,
    amount              bigint      NOT NULL CHECK (amount > 0),
    currency            text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason              text,
    source              text        NOT NULL CHECK (source IN ('api', 'provider')),
    provider            text        NOT NULL,
    provider_reference  text,
    idempotency_key     text        NOT NULL,
    -- The caller's Idempotency-Key header: the same key again answers with this refund instead of a second one.
    request_key         text,
    failure_code        text,
    failure_message     text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- When the provider was last asked; the recovery job claims refunds left pending by moving it forward.
    requested_at        timestamptz NOT NULL
);

CREATE INDEX refund_payment_idx ON refund (tenant_id, payment_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX refund_request_key_uq ON refund (tenant_id, request_key) WHERE request_key IS NOT NULL;
-- One refund row per provider refund, however often (and in whatever order) its webhooks arrive.
CREATE UNIQUE INDEX refund_provider_reference_uq ON refund (tenant_id, provider, provider_reference)
    WHERE provider_reference IS NOT NULL;
CREATE INDEX refund_pending_idx ON refund (requested_at) WHERE status = 'pending' AND source = 'api';

-- Chargebacks as the provider reports them, one row per provider dispute.
CREATE TABLE dispute (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    payment_id          uuid        NOT NULL REFERENCES payment (id),
    invoice_id          uuid        NOT NULL,
    customer_id         uuid        NOT NULL,
    amount              bigint      NOT NULL CHECK (amount >= 0),
    currency            text        NOT NULL,
    reason              text,
    status              text        NOT NULL,
    provider            text        NOT NULL,
    provider_reference  text        NOT NULL,
    opened_at           timestamptz NOT NULL,
    closed_at           timestamptz,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT dispute_provider_reference_uq UNIQUE (tenant_id, provider, provider_reference)
);

CREATE INDEX dispute_payment_idx ON dispute (tenant_id, payment_id);
