-- The bill run (issue: the billing clock). A subscription's periods are counted from its billing cycle anchor, the
-- start of its first paid period (the end of its trial, if it had one).
ALTER TABLE subscription ADD COLUMN billing_cycle_anchor timestamptz;
UPDATE subscription SET billing_cycle_anchor = COALESCE(trial_end, current_period_start);
ALTER TABLE subscription ALTER COLUMN billing_cycle_anchor SET NOT NULL;

-- What the bill run looks for: periods that ended for subscriptions that renew (or end) at their period end. The
-- predicate is the bill run's claim condition word for word, so the planner uses this index.
CREATE INDEX subscription_period_end_due_idx ON subscription (current_period_end)
    WHERE status IN ('ACTIVE', 'PAST_DUE', 'TRIALING') OR (cancel_at_period_end AND status <> 'CANCELED');

-- Every period a subscription entered, one row each: the ledger that makes "each period exactly once" a database
-- rule rather than only code. The primary key refuses a period entered twice (a retried or repeated bill run); a
-- period that follows another must start where that one ended (follows_period_end references an existing period's
-- end), so no period can be skipped either. Only a subscription's first period follows none.
CREATE TABLE subscription_period (
    tenant_id          text        NOT NULL,
    subscription_id    uuid        NOT NULL REFERENCES subscription (id),
    period_start       timestamptz NOT NULL,
    period_end         timestamptz NOT NULL,
    follows_period_end timestamptz,
    -- first_period (created), trial, trial_end (first paid period after a trial), subscription_cycle (renewal)
    billing_reason     text        NOT NULL
        CHECK (billing_reason IN ('first_period', 'trial', 'trial_end', 'subscription_cycle')),
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (subscription_id, period_start),
    CONSTRAINT subscription_period_end_uq UNIQUE (subscription_id, period_end),
    CONSTRAINT subscription_period_order_ck CHECK (period_end > period_start),
    CONSTRAINT subscription_period_contiguous_ck CHECK (follows_period_end IS NULL OR follows_period_end = period_start),
    CONSTRAINT subscription_period_follows_ck CHECK (billing_reason IN ('first_period', 'trial')
        OR follows_period_end IS NOT NULL),
    CONSTRAINT subscription_period_follows_fk FOREIGN KEY (subscription_id, follows_period_end)
        REFERENCES subscription_period (subscription_id, period_end)
);

-- The periods subscriptions are in today.
INSERT INTO subscription_period (tenant_id, subscription_id, period_start, period_end, billing_reason, created_at)
SELECT tenant_id, id, current_period_start, current_period_end,
       CASE WHEN status = 'TRIALING' OR current_period_end = trial_end THEN 'trial' ELSE 'first_period' END,
       created_at
FROM subscription;
