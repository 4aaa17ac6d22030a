-- Each tenant's dunning schedule: retry days counted from an invoice's first failed payment, and what becomes of
-- the subscription when the last retry fails. A tenant without a row uses the configured default.
CREATE TABLE dunning_settings (
    tenant_id      text        PRIMARY KEY,
    retry_days     text        NOT NULL,
    when_exhausted text        NOT NULL CHECK (when_exhausted IN ('unpaid', 'canceled')),
    updated_at     timestamptz NOT NULL
);

-- An invoice being dunned: opened by its first failed payment, ended by a captured payment (recovered) or by the
-- last scheduled retry failing (exhausted). The scheduler claims due rows with FOR UPDATE SKIP LOCKED, so replicas
-- never retry the same invoice at once.
CREATE TABLE dunning (
    invoice_id        uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    subscription_id   uuid,
    customer_id       uuid        NOT NULL,
    amount            bigint      NOT NULL CHECK (amount > 0),
    currency          text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('active', 'recovered', 'exhausted')),
    -- The number of the attempt that failed first, and of the latest attempt made: retries count from the first.
    first_attempt     integer     NOT NULL CHECK (first_attempt >= 1),
    attempts          integer     NOT NULL CHECK (attempts >= first_attempt),
    first_failed_at   timestamptz NOT NULL,
    -- When the scheduler makes the next attempt; null while one is under way and once dunning ended.
    next_retry_at     timestamptz,
    -- The schedule in force when dunning began, so a later settings change does not move retries already promised.
    retry_days        text        NOT NULL,
    when_exhausted    text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX dunning_due_idx ON dunning (next_retry_at) WHERE status = 'active' AND next_retry_at IS NOT NULL;
CREATE INDEX dunning_customer_idx ON dunning (tenant_id, customer_id) WHERE status = 'active';
