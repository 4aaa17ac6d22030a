-- The seller details a tenant's invoices print (one row per tenant), and what each invoice printed: the seller, the
-- customer and the footer are fixed when it is finalized, so a later change of either does not rewrite an issued
-- invoice. billed_to is personal data (a name, an email, an address): sealed like known_customer's columns.
CREATE TABLE invoice_settings (
    tenant_id           text        PRIMARY KEY,
    seller_name         text,
    seller_email        text,
    seller_tax_id       text,
    address_line1       text,
    address_line2       text,
    address_city        text,
    address_state       text,
    address_postal_code text,
    address_country     text        CHECK (address_country ~ '^[A-Z]{2}$'),
    footer              text,
    updated_at          timestamptz NOT NULL
);

ALTER TABLE invoice ADD COLUMN issuer text;
ALTER TABLE invoice ADD COLUMN billed_to text;
ALTER TABLE invoice ADD COLUMN footer text;
