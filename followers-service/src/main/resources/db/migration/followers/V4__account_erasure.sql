-- Leaving (issue 14): the accounts this service erased, the id and time only, so that a follow
-- racing with the erasure is refused. Purged after social.purge.tombstone-retention.
CREATE TABLE erased_user (
    user_id   uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
CREATE INDEX erased_user_erased_at ON erased_user (erased_at);
-- the erasure drops the pair versions naming the account, as follower or as followee
CREATE INDEX follow_pair_version_followee ON follow_pair_version (followee_id);
