CREATE TABLE plan (
    id                uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    name              text        NOT NULL,
    description       text,
    -- Price: minor units of an ISO 4217 currency; fixed for the plan's life (a new price is a new plan).
    amount            bigint      NOT NULL CHECK (amount >= 0),
    currency          char(3)     NOT NULL,
    billing_interval  text        NOT NULL CHECK (billing_interval IN ('DAY', 'WEEK', 'MONTH', 'YEAR')),
    interval_count    integer     NOT NULL CHECK (interval_count > 0),
    trial_period_days integer     NOT NULL DEFAULT 0 CHECK (trial_period_days >= 0),
    active            boolean     NOT NULL,
    features          text        NOT NULL DEFAULT '{}',
    metadata          text        NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX plan_tenant_created_idx ON plan (tenant_id, created_at DESC, id DESC);

CREATE TABLE subscription (
    id                   uuid        PRIMARY KEY,
    tenant_id            text        NOT NULL,
    customer_id          uuid        NOT NULL,
    plan_id              uuid        NOT NULL REFERENCES plan (id),
    status               text        NOT NULL
        CHECK (status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED')),
    last_payment_event_at timestamptz,
    version              bigint      NOT NULL DEFAULT 0,
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    trial_start          timestamptz,
    trial_end            timestamptz,
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    canceled_at          timestamptz,
    ended_at             timestamptz,
    metadata             text        NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX subscription_tenant_created_idx ON subscription (tenant_id, created_at DESC, id DESC);
CREATE INDEX subscription_tenant_customer_idx ON subscription (tenant_id, customer_id, created_at DESC, id DESC);
-- One live subscription per customer and plan. The service checks first for a clear 409; this index is what
-- makes two concurrent requests unable to both succeed.
CREATE UNIQUE INDEX subscription_live_per_customer_plan_uq ON subscription (tenant_id, customer_id, plan_id)
    WHERE status IN ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE');
