-- One way to store a closed set of names across the services: lower case, as the API and the events spell them
-- (chassis WireName), guarded by a CHECK. Subscriptions' status and plans' interval were the enum constants' names.
ALTER TABLE subscription DROP CONSTRAINT subscription_status_check;
DROP INDEX subscription_live_per_customer_plan_uq;
DROP INDEX subscription_trial_ending_idx;
DROP INDEX subscription_period_end_due_idx;
UPDATE subscription SET status = lower(status) WHERE status <> lower(status);
ALTER TABLE subscription ADD CONSTRAINT subscription_status_check
    CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'unpaid', 'paused', 'canceled'));
CREATE UNIQUE INDEX subscription_live_per_customer_plan_uq ON subscription (tenant_id, customer_id, plan_id)
    WHERE status IN ('incomplete', 'trialing', 'active', 'past_due', 'unpaid', 'paused');
CREATE INDEX subscription_trial_ending_idx ON subscription (trial_end)
    WHERE status = 'trialing' AND trial_will_end_announced_at IS NULL;
-- The bill run's claim condition word for word (SubscriptionStore.PERIOD_ENDS_WHERE), so the planner uses it.
CREATE INDEX subscription_period_end_due_idx ON subscription (current_period_end)
    WHERE status IN ('active', 'past_due', 'trialing') OR (cancel_at_period_end AND status <> 'canceled');

ALTER TABLE plan DROP CONSTRAINT plan_billing_interval_check;
UPDATE plan SET billing_interval = lower(billing_interval) WHERE billing_interval <> lower(billing_interval);
ALTER TABLE plan ADD CONSTRAINT plan_billing_interval_check
    CHECK (billing_interval IN ('day', 'week', 'month', 'year'));
