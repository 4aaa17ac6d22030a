-- Pending proration lines go onto an invoice in the order they were made (a credit before its charge): ids minted in
-- the same millisecond do not say that order, a sequence does.
ALTER TABLE pending_invoice_item ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
