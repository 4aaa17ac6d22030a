CREATE TABLE customer (
    id                        uuid        PRIMARY KEY,
    tenant_id                 text        NOT NULL,
    billing_email             text        NOT NULL,
    name                      text,
    user_id                   text,
    default_payment_method_id text,
    address_line1             text,
    address_line2             text,
    address_city              text,
    address_state             text,
    address_postal_code       text,
    address_country           text,
    tax_country               text,
    metadata                  text        NOT NULL DEFAULT '{}',
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    deleted_at                timestamptz
);

-- Newest-first cursor paging per tenant, and the email filter (case-insensitive), both over live customers only.
CREATE INDEX customer_tenant_created_idx ON customer (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customer_tenant_email_idx ON customer (tenant_id, lower(billing_email)) WHERE deleted_at IS NULL;
