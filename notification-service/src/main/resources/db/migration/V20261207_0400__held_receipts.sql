-- The receipts still pending, by the invoice they carry: an invoice reported paid makes the receipts waiting for it
-- due (NotificationStore.wakeReceiptsOf) without scanning every pending notification due later.
CREATE INDEX notification_pending_receipt_idx ON notification (tenant_id, invoice_id)
    WHERE status = 'pending' AND type = 'payment_receipt';
