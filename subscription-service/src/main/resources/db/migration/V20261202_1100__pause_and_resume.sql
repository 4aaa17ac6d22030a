-- paused: no renewals and no payment retries until resumed. A paused subscription still holds its plan, so it stays
-- in the one-live-per-customer-and-plan rule.
ALTER TABLE subscription DROP CONSTRAINT subscription_status_check;
ALTER TABLE subscription ADD CONSTRAINT subscription_status_check
    CHECK (status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID', 'PAUSED', 'CANCELED'));
DROP INDEX subscription_live_per_customer_plan_uq;
CREATE UNIQUE INDEX subscription_live_per_customer_plan_uq ON subscription (tenant_id, customer_id, plan_id)
    WHERE status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID', 'PAUSED');
ALTER TABLE subscription ADD COLUMN paused_at timestamptz;

-- A resumed subscription starts a new period at the resume instant: it follows no period (the pause is a gap).
ALTER TABLE subscription_period DROP CONSTRAINT subscription_period_billing_reason_check;
ALTER TABLE subscription_period ADD CONSTRAINT subscription_period_billing_reason_check
    CHECK (billing_reason IN ('first_period', 'trial', 'trial_end', 'subscription_cycle', 'resume'));
ALTER TABLE subscription_period DROP CONSTRAINT subscription_period_follows_ck;
ALTER TABLE subscription_period ADD CONSTRAINT subscription_period_follows_ck
    CHECK (billing_reason IN ('first_period', 'trial', 'resume') OR follows_period_end IS NOT NULL);
