-- Tenants' own HTTPS endpoints that receive billing events, each signed with the endpoint's secret (sealed at rest
-- with the chassis SecretCipher; key_id names the key that sealed it).
CREATE TABLE webhook_endpoint (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    url            text        NOT NULL,
    description    text,
    -- The event types it receives, comma-separated, or * for all.
    event_types    text        NOT NULL,
    key_id         text        NOT NULL,
    signing_secret text        NOT NULL,
    created_at     timestamptz NOT NULL,
    -- Deleted endpoints keep their delivery log; nothing more is sent to them.
    deleted_at     timestamptz
);

CREATE INDEX webhook_endpoint_tenant_idx ON webhook_endpoint (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- One delivery of one event to one endpoint, retried with exponential back-off until it is answered 2xx or its
-- retry window (3 days) has passed. A replay is a new delivery of the same event.
CREATE TABLE webhook_delivery (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoint (id),
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    -- The event exactly as published (its CloudEvents envelope): what is signed and sent.
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status_code integer,
    last_error       text,
    replay_of        uuid,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz
);

-- However often an event is consumed, it is queued once per endpoint (replays aside).
CREATE UNIQUE INDEX webhook_delivery_event_uq ON webhook_delivery (endpoint_id, event_id) WHERE replay_of IS NULL;
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (tenant_id, endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
