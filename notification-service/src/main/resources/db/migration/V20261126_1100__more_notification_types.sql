-- Three more things customers hear of: a payment waiting for their authentication, a trial about to end, a refund.
ALTER TABLE notification DROP CONSTRAINT notification_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_type_check CHECK (type IN ('invoice_finalized',
    'payment_receipt', 'payment_failed', 'payment_action_required', 'trial_ending', 'refund_issued',
    'subscription_canceled'));
