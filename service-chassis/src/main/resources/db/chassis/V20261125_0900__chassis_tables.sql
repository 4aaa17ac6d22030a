-- Tables every service has in its own schema, shipped by the chassis (Flyway location classpath:db/chassis).
-- Versions are timestamps (VYYYYMMDD_HHMM) across the chassis and all services, so migrations from both
-- locations interleave in the order they were written.

CREATE TABLE outbox_message (
    id           uuid        PRIMARY KEY,
    seq          bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id    text        NOT NULL,
    event_type   text        NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz,
    lease_until  timestamptz,
    attempts     integer     NOT NULL DEFAULT 0
);
-- The relay only ever looks at unsent rows; keep that lookup small however large the table grows.
CREATE INDEX outbox_message_unsent_idx ON outbox_message (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_message_sent_at_idx ON outbox_message (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE inbox_event (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE idempotency_key (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    idempotency_key     text        NOT NULL,
    request_fingerprint text        NOT NULL,
    response_status     integer     NOT NULL,
    response_body       text        NOT NULL,
    created_at          timestamptz NOT NULL,
    CONSTRAINT idempotency_key_tenant_key_uq UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
