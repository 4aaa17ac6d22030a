-- One-off invoices (POST /v1/invoices): drafts made through the API, with lines added one by one, finalized when the
-- caller says so. Every invoice now says how it is collected: charge_automatically (the customer's payment method is
-- charged when it is finalized: every subscription invoice so far) or send_invoice (the customer is sent it and pays by
-- its due date, days_until_due days after finalization).
ALTER TABLE invoice ADD COLUMN collection_method text NOT NULL DEFAULT 'charge_automatically';
ALTER TABLE invoice ALTER COLUMN collection_method DROP DEFAULT;
ALTER TABLE invoice ADD CONSTRAINT invoice_collection_method_ck
    CHECK (collection_method IN ('charge_automatically', 'send_invoice'));
ALTER TABLE invoice ADD COLUMN days_until_due integer;
ALTER TABLE invoice ADD CONSTRAINT invoice_days_until_due_ck CHECK (
    (collection_method = 'send_invoice' AND days_until_due BETWEEN 0 AND 365)
    OR (collection_method = 'charge_automatically' AND days_until_due IS NULL));
ALTER TABLE invoice ADD COLUMN description text;

-- A one-off line bills no service period: it carries period_start = period_end, the moment it was added (as Stripe
-- dates one-off items), and revenue recognition takes it in at once.
ALTER TABLE invoice_item ADD CONSTRAINT invoice_item_period_ck CHECK (period_end >= period_start);
