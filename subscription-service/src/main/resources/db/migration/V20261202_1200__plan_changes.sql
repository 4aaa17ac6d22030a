-- A change of billing interval starts a new period at the change (the old one is cut short): it follows no period.
ALTER TABLE subscription_period DROP CONSTRAINT subscription_period_billing_reason_check;
ALTER TABLE subscription_period ADD CONSTRAINT subscription_period_billing_reason_check
    CHECK (billing_reason IN ('first_period', 'trial', 'trial_end', 'subscription_cycle', 'resume', 'plan_change'));
ALTER TABLE subscription_period DROP CONSTRAINT subscription_period_follows_ck;
ALTER TABLE subscription_period ADD CONSTRAINT subscription_period_follows_ck
    CHECK (billing_reason IN ('first_period', 'trial', 'resume', 'plan_change') OR follows_period_end IS NOT NULL);
