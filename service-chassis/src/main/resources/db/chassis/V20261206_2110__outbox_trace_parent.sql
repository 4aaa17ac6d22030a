-- The W3C trace context of the journey that wrote each event (null when untraced). The relay sends the event later,
-- on another thread, where that context is gone: it reads it from here into the record's traceparent header.
ALTER TABLE outbox_message ADD COLUMN trace_parent text;
