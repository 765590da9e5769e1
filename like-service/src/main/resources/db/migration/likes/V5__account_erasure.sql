-- Leaving (issue 14): the accounts this service erased, the id and time only, so that a like or
-- bookmark racing with the erasure is refused. Purged after social.purge.tombstone-retention.
CREATE TABLE erased_user (
    user_id   uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
CREATE INDEX erased_user_erased_at ON erased_user (erased_at);
-- the erasure finds the account's likes
CREATE INDEX post_like_user ON post_like (user_id);
