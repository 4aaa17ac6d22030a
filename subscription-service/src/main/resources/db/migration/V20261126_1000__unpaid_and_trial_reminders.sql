-- unpaid: dunning gave up on one of the subscription's invoices and the tenant keeps such subscriptions (rather than
-- canceling them). It still holds the plan, so it stays in the one-live-per-customer-and-plan rule.
ALTER TABLE subscription DROP CONSTRAINT subscription_status_check;
ALTER TABLE subscription ADD CONSTRAINT subscription_status_check
    CHECK (status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID', 'CANCELED'));
DROP INDEX subscription_live_per_customer_plan_uq;
CREATE UNIQUE INDEX subscription_live_per_customer_plan_uq ON subscription (tenant_id, customer_id, plan_id)
    WHERE status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID');

-- When subscription.trial_will_end was announced (once per subscription, a few days before the trial ends).
ALTER TABLE subscription ADD COLUMN trial_will_end_announced_at timestamptz;
CREATE INDEX subscription_trial_ending_idx ON subscription (trial_end)
    WHERE status = 'TRIALING' AND trial_will_end_announced_at IS NULL;
