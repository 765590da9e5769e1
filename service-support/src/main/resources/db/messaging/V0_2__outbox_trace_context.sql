-- The W3C traceparent of the transaction that wrote the event: the relay continues that trace when it
-- publishes (README, "Operations"). NULL for events written outside a trace.
ALTER TABLE outbox ADD COLUMN trace_parent text;
