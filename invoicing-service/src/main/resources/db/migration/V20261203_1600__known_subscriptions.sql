-- invoicing's own copy of each subscription as its events last described it (newest event time wins), for previewing
-- the next invoice (GET /v1/invoices/upcoming). subscription-service owns subscriptions; nothing here is edited.
CREATE TABLE known_subscription (
    tenant_id            text        NOT NULL,
    subscription_id      uuid        NOT NULL,
    customer_id          uuid        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due',
                                                                 'unpaid', 'paused', 'canceled')),
    plan_name            text        NOT NULL,
    plan_amount          bigint      NOT NULL,
    currency             text        NOT NULL,
    current_period_end   timestamptz NOT NULL,
    -- Where the next period ends, by subscription-service's billing cycle; null when unknown (older events) or ended.
    next_period_end      timestamptz,
    cancel_at_period_end boolean     NOT NULL,
    as_of                timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subscription_id)
);
