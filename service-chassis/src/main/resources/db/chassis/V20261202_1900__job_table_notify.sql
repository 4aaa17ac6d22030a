-- Wakes a background job when a transaction commits rows into its table, instead of the job polling the table: a
-- service adds "AFTER INSERT ... FOR EACH STATEMENT EXECUTE FUNCTION job_table_notify()" to the table, and the job
-- listens on "<schema>_<table>" (chassis CommitNotifications). Postgres delivers a transaction's identical
-- notifications once, at commit. The channel is cut to 63 characters, as LISTEN cuts it (and pg_notify refuses a
-- longer one, which would fail every insert).
CREATE FUNCTION job_table_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(left(TG_TABLE_SCHEMA || '_' || TG_TABLE_NAME, 63), '');
    RETURN NULL;
END
$$;
