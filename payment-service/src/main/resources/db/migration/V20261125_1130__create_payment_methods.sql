-- A customer's saved payment methods: a provider token (never card data) plus what may be shown (brand, last 4).
CREATE TABLE payment_method (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    customer_id    uuid        NOT NULL,
    provider       text        NOT NULL,
    provider_token text        NOT NULL,
    brand          text        NOT NULL,
    last4          text        NOT NULL,
    is_default     boolean     NOT NULL DEFAULT false,
    metadata       text        NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    detached_at    timestamptz
);

-- At most one default per customer among the attached methods: the one invoices are charged to.
CREATE UNIQUE INDEX payment_method_one_default_uq ON payment_method (tenant_id, customer_id)
    WHERE is_default AND detached_at IS NULL;
-- Newest-first cursor paging per tenant, optionally per customer, over attached methods only.
CREATE INDEX payment_method_tenant_created_idx ON payment_method (tenant_id, created_at DESC, id DESC)
    WHERE detached_at IS NULL;
CREATE INDEX payment_method_customer_created_idx ON payment_method (tenant_id, customer_id, created_at DESC, id DESC)
    WHERE detached_at IS NULL;
