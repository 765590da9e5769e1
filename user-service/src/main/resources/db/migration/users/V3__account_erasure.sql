-- Leaving (issue 14): the accounts this service erased, the id and time only, so that an event
-- still in flight about one (a registration redelivered, a counter change) recreates nothing.
-- Purged after social.purge.tombstone-retention.
CREATE TABLE erased_user (
    user_id   uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
CREATE INDEX erased_user_erased_at ON erased_user (erased_at);
