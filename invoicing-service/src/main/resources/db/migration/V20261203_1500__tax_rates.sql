-- Per-tenant tax rates, picked by the customer's tax country (and region: the billing address's state) when an
-- invoice is drafted. A rate is never edited: a new rate for the same place applies to invoices drafted after it.
CREATE TABLE tax_rate (
    id           uuid          PRIMARY KEY,
    tenant_id    text          NOT NULL,
    display_name text          NOT NULL,
    country      text          NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    region       text,
    percentage   numeric(7, 4) NOT NULL CHECK (percentage >= 0 AND percentage <= 100),
    inclusive    boolean       NOT NULL,
    created_at   timestamptz   NOT NULL
);
CREATE INDEX tax_rate_tenant_created_idx ON tax_rate (tenant_id, created_at DESC, id DESC);
CREATE INDEX tax_rate_place_idx ON tax_rate (tenant_id, country, region, created_at DESC);

-- An invoice keeps a copy of the rate it was drafted with (the rate may be superseded later), its subtotal (the sum
-- of the lines) and its tax. total = subtotal + tax for an exclusive rate; an inclusive rate's tax is inside the
-- subtotal, and total = subtotal.
ALTER TABLE invoice ADD COLUMN subtotal bigint;
UPDATE invoice SET subtotal = total;
ALTER TABLE invoice ALTER COLUMN subtotal SET NOT NULL;
ALTER TABLE invoice ADD COLUMN tax bigint NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD COLUMN tax_rate_id uuid;
ALTER TABLE invoice ADD COLUMN tax_display_name text;
ALTER TABLE invoice ADD COLUMN tax_country text;
ALTER TABLE invoice ADD COLUMN tax_region text;
ALTER TABLE invoice ADD COLUMN tax_percentage numeric(7, 4);
ALTER TABLE invoice ADD COLUMN tax_inclusive boolean;
ALTER TABLE invoice ADD CONSTRAINT invoice_tax_ck CHECK (
    (tax_rate_id IS NULL AND tax = 0 AND total = subtotal)
    OR (tax_rate_id IS NOT NULL AND tax_percentage IS NOT NULL AND tax_inclusive IS NOT NULL
        AND total = subtotal + CASE WHEN tax_inclusive THEN 0 ELSE tax END));

-- A credit note's share of its invoice's tax (cumulative rounding: an invoice's credit notes never credit more tax
-- than it charged, and a full refund credits all of it).
ALTER TABLE credit_note ADD COLUMN tax bigint NOT NULL DEFAULT 0;
