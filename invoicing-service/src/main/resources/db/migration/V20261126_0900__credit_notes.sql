-- What refunds gave back of an invoice's payments; the invoice stays paid (as Stripe keeps it), its credit notes say
-- what was credited.
ALTER TABLE invoice ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD CONSTRAINT invoice_amount_refunded_ck CHECK (amount_refunded >= 0 AND amount_refunded <= amount_paid);

-- Invoices and credit notes are numbered in sequences of their own (INV-000001..., CN-000001...), each gapless.
ALTER TABLE invoice_number_sequence RENAME TO document_number_sequence;
ALTER TABLE document_number_sequence ADD COLUMN series text NOT NULL DEFAULT 'INV';
ALTER TABLE document_number_sequence ALTER COLUMN series DROP DEFAULT;
ALTER TABLE document_number_sequence DROP CONSTRAINT invoice_number_sequence_pkey;
ALTER TABLE document_number_sequence ADD PRIMARY KEY (tenant_id, series);

-- A credit note per refund, however often payment.refunded is delivered: the legal record of money credited back
-- against an invoice.
CREATE TABLE credit_note (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    number         text        NOT NULL,
    invoice_id     uuid        NOT NULL REFERENCES invoice (id),
    invoice_number text        NOT NULL,
    customer_id    uuid        NOT NULL,
    payment_id     uuid        NOT NULL,
    refund_id      uuid        NOT NULL,
    amount         bigint      NOT NULL CHECK (amount > 0),
    currency       text        NOT NULL,
    reason         text,
    created_at     timestamptz NOT NULL,
    CONSTRAINT credit_note_refund_uq UNIQUE (tenant_id, refund_id),
    CONSTRAINT credit_note_number_uq UNIQUE (tenant_id, number)
);

CREATE INDEX credit_note_tenant_created_idx ON credit_note (tenant_id, created_at DESC, id DESC);
CREATE INDEX credit_note_invoice_idx ON credit_note (tenant_id, invoice_id, created_at DESC, id DESC);
CREATE INDEX credit_note_customer_idx ON credit_note (tenant_id, customer_id, created_at DESC, id DESC);
