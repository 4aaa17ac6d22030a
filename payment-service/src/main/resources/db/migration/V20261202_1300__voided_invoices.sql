-- Invoices invoicing voided (invoice.voided: their subscription was canceled now). Nothing more is collected for
-- them: their dunning ends, and a payment that still succeeds for one (a charge in flight when it was voided) is
-- refunded automatically instead of being kept.
CREATE TABLE voided_invoice (
    invoice_id uuid        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    voided_at  timestamptz NOT NULL
);

ALTER TABLE dunning DROP CONSTRAINT dunning_status_check;
ALTER TABLE dunning ADD CONSTRAINT dunning_status_check
    CHECK (status IN ('active', 'recovered', 'exhausted', 'voided'));

-- source automatic: a refund payment-service makes by itself (a payment for a voided invoice).
ALTER TABLE refund DROP CONSTRAINT refund_source_check;
ALTER TABLE refund ADD CONSTRAINT refund_source_check CHECK (source IN ('api', 'provider', 'automatic'));
DROP INDEX refund_pending_idx;
CREATE INDEX refund_pending_idx ON refund (requested_at) WHERE status = 'pending' AND source IN ('api', 'automatic');
