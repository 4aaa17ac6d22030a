-- The inbox purge (InboxPurge) deletes ids older than the retention. Rows arrive in processed_at order, so a BRIN
-- index finds them for almost nothing on every insert (a B-tree would double the inbox's write cost).
CREATE INDEX inbox_event_processed_at_brin ON inbox_event USING brin (processed_at);
