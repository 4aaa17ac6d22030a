-- POST /v1/invoices/{id}/pay (invoice.payment_requested): an attempt made because someone asked for it, not by the
-- invoice's automatic collection or a dunning retry. A failed one counts towards a dunning under way, but never begins
-- one: an invoice sent to the customer (send_invoice) is not retried automatically.
ALTER TABLE payment ADD COLUMN on_request boolean NOT NULL DEFAULT false;

-- An invoice written off by the tenant (invoice.marked_uncollectible) is retried no more.
ALTER TABLE dunning DROP CONSTRAINT dunning_status_check;
ALTER TABLE dunning ADD CONSTRAINT dunning_status_check
    CHECK (status IN ('active', 'recovered', 'exhausted', 'voided', 'written_off'));
