-- Events waiting to be published (transactional outbox); a row is deleted once the broker confirmed it.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    routing_key text        NOT NULL,
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL
);

-- Events each consumer has applied, written in the transaction of their effect.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
