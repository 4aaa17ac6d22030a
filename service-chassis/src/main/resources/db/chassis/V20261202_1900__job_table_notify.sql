-- Wakes a background job when a transaction commits rows into its table, instead of the job polling the table: a
-- service adds "AFTER INSERT ... FOR EACH STATEMENT EXECUTE FUNCTION job_table_notify()" to the table, and the job
-- listens on "<schema>_<table>" (chassis CommitNotifications). Postgres delivers a transaction's identical
-- notifications once, at commit.
CREATE FUNCTION job_table_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_' || TG_TABLE_NAME, '');
    RETURN NULL;
END
$$;
