-- The journey (W3C trace context) of the event that asked for each notification: the dispatcher sends it later, in
-- a job pass, and continues that trace from here.
ALTER TABLE notification ADD COLUMN trace_parent text;
