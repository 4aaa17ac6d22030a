-- The latest snapshot of each invoice, from invoice.finalized and invoice.paid: what the payment receipt's PDF is
-- printed from, without asking invoicing-service. The snapshot names the customer and their address (personal data):
-- sealed at rest, like the notifications themselves.
CREATE TABLE invoice_copy (
    tenant_id  text        NOT NULL,
    invoice_id uuid        NOT NULL,
    status     text        NOT NULL,
    snapshot   text        NOT NULL,
    as_of      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id),
    CHECK (status IN ('open', 'paid', 'void', 'uncollectible'))
);
