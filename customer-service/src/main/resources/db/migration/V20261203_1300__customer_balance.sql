-- Each customer's balance per currency, as invoicing-service announces it (customer_balance.changed): negative is
-- credit owed to the customer. invoicing-service owns the balance and applies it; this copy is what
-- GET /v1/customers/{id}/balance shows. The version keeps the newest change whatever order events arrive in.
CREATE TABLE customer_balance (
    tenant_id   text        NOT NULL,
    customer_id uuid        NOT NULL,
    currency    text        NOT NULL,
    balance     bigint      NOT NULL CHECK (balance <= 0),
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, currency)
);
