-- Plan changes (subscription.plan_changed): a proration line may credit unused time, with a negative amount.
ALTER TABLE invoice_item DROP CONSTRAINT invoice_item_unit_amount_check;
ALTER TABLE invoice_item ADD CONSTRAINT invoice_item_credit_ck CHECK (unit_amount >= 0 OR proration);

-- An invoice's total is the sum of its lines and may be negative. Like Stripe, the customer's balance (negative: credit
-- owed to the customer) is applied when it is finalized: amount_due = max(0, total + starting_balance), and what is
-- left of the credit (or a negative total) is the ending balance, carried to the customer's next invoice. A negative
-- total is never charged.
ALTER TABLE invoice ADD COLUMN total bigint;
UPDATE invoice SET total = amount_due;
ALTER TABLE invoice ALTER COLUMN total SET NOT NULL;
ALTER TABLE invoice ADD COLUMN starting_balance bigint NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD COLUMN ending_balance bigint NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD CONSTRAINT invoice_balance_ck CHECK (starting_balance <= 0
    AND amount_due = GREATEST(0, total + starting_balance) AND ending_balance = LEAST(0, total + starting_balance));

-- Each customer's balance per currency: credit from downgrades, applied to the next invoices first.
CREATE TABLE customer_balance (
    tenant_id   text        NOT NULL,
    customer_id uuid        NOT NULL,
    currency    text        NOT NULL,
    balance     bigint      NOT NULL CHECK (balance <= 0),
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, currency)
);

-- Proration lines of plan changes made with create_prorations, waiting for the subscription's next renewal invoice.
CREATE TABLE pending_invoice_item (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    customer_id     uuid        NOT NULL,
    subscription_id uuid        NOT NULL,
    currency        text        NOT NULL,
    description     text        NOT NULL,
    amount          bigint      NOT NULL,
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    -- The invoice that billed it; null while pending.
    invoice_id      uuid        REFERENCES invoice (id)
);
CREATE INDEX pending_invoice_item_subscription_idx ON pending_invoice_item (tenant_id, subscription_id, created_at)
    WHERE invoice_id IS NULL;
