-- Revenue recognition: what each paid invoice line (net of tax) earns over its service period, and the reversals its
-- credit notes book. Entries are written once and never changed; what they have recognised by a given day is
-- computed from them (straight-line by day, cumulative rounding), see RevenueEntry.
CREATE TABLE revenue_entry (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    invoice_id      uuid        NOT NULL REFERENCES invoice (id),
    invoice_item_id uuid        NOT NULL REFERENCES invoice_item (id),
    line_number     integer     NOT NULL,
    credit_note_id  uuid        REFERENCES credit_note (id),
    kind            text        NOT NULL CHECK (kind IN ('charge', 'reversal_recognized', 'reversal_deferred')),
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount          bigint      NOT NULL,
    recognize_from  timestamptz NOT NULL,
    recognize_until timestamptz NOT NULL,
    booked_at       timestamptz NOT NULL,
    CHECK (recognize_until >= recognize_from),
    CHECK ((kind = 'charge') = (credit_note_id IS NULL))
);
-- A line is booked once, and a credit note reverses it once: a replayed event cannot count revenue twice.
CREATE UNIQUE INDEX revenue_entry_once_idx
    ON revenue_entry (invoice_item_id, kind, COALESCE(credit_note_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX revenue_entry_invoice_idx ON revenue_entry (tenant_id, invoice_id);
-- Summaries read one tenant's currency, entries booked before a month's end and still recognising after its start.
CREATE INDEX revenue_entry_summary_idx ON revenue_entry (tenant_id, currency, booked_at);

-- Each tenant with revenue, for the job that announces revenue.recognized month by month: when its first entry was
-- booked (the first month to announce) and the last month announced. The job locks the tenant's row while it
-- announces, and moves last_closed_month in the transaction that queues the events, so each month is announced once
-- however many replicas run it; it reads this small table, never the entries, to find the tenants it has work for.
CREATE TABLE revenue_tenant (
    tenant_id         text        PRIMARY KEY,
    first_booked_at   timestamptz NOT NULL,
    last_closed_month date        CHECK (EXTRACT(DAY FROM last_closed_month) = 1)
);
