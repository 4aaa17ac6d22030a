-- A tenant's own credentials for a payment provider (Stripe, PayPal). The secrets (API key, client secret, webhook
-- signing secret) are one AES-GCM sealed JSON document; key_id names the key that sealed it, so keys can rotate.
CREATE TABLE provider_account (
    tenant_id       text        NOT NULL,
    provider        text        NOT NULL,
    key_id          text        NOT NULL,
    credentials     text        NOT NULL,
    -- Not secret, shown by GET: whether the credentials are the provider's test or live mode.
    livemode        boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, provider)
);

-- Our customer as the provider knows it (Stripe's cus_...), created the first time one of their payment methods is
-- attached; charges name it together with the payment method.
CREATE TABLE provider_customer (
    tenant_id            text        NOT NULL,
    customer_id          uuid        NOT NULL,
    provider             text        NOT NULL,
    provider_customer_id text        NOT NULL,
    created_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, provider)
);

ALTER TABLE payment_method ADD COLUMN provider_customer_id text;

-- Stripe reports a decline as code card_declined plus a decline_code (insufficient_funds, lost_card, ...).
ALTER TABLE payment ADD COLUMN decline_code text;

-- Provider webhook events already processed, by the provider's event id: each is acted on once, in the transaction
-- of its effect, however often the provider delivers it. Keyed per tenant too: a tenant signs with its own secret
-- and could otherwise claim another tenant's event id first.
CREATE TABLE provider_event (
    tenant_id   text        NOT NULL,
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, provider, event_id)
);

-- Webhooks name payments by the provider's id of them (Stripe's PaymentIntent).
CREATE INDEX payment_provider_reference_idx ON payment (tenant_id, provider, provider_reference)
    WHERE provider_reference IS NOT NULL;
