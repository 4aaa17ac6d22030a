-- Subscriptions canceled now (subscription.canceled with cancellation_reason cancellation_requested). Their
-- renewal, resume and plan-change events travel on other topics and may be consumed after the cancellation: a period
-- of a subscription recorded here is not invoiced (its invoice would be voided at once anyway).
CREATE TABLE canceled_subscription (
    subscription_id uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    canceled_at     timestamptz NOT NULL
);
