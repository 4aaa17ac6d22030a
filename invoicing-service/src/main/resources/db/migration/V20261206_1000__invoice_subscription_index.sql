-- Lists of one or several subscriptions' invoices (?subscription_id=, repeated) and the latest invoice of each
-- (GET /v1/invoices/latest, the console's page of subscriptions) read newest first per subscription.
CREATE INDEX invoice_tenant_subscription_idx ON invoice (tenant_id, subscription_id, created_at DESC, id DESC)
    WHERE subscription_id IS NOT NULL;
