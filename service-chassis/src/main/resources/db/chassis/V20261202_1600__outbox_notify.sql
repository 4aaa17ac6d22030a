-- Wakes the outbox relay (OutboxRelay listens on "<schema>_outbox") when a transaction commits outbox rows, instead of
-- it polling the table. A statement-level trigger, and Postgres delivers identical notifications of one transaction
-- once, at commit: one wake-up per transaction however many events it published.
CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify();
