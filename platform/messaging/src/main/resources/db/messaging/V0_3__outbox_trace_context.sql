-- The W3C trace context of the transaction that wrote the event, so the relay's Kafka send (and the
-- consumer's work) join the trace of the HTTP request that caused it.
alter table outbox_event add column traceparent varchar(100);
