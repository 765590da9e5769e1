-- Leaving (issue 14): the accounts this service erased, the id and time only, so that a post or a
-- follow-graph change racing with the erasure creates nothing for them. Purged after
-- social.purge.tombstone-retention.
CREATE TABLE erased_user (
    user_id   uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
CREATE INDEX erased_user_erased_at ON erased_user (erased_at);
-- the erasure drops the copy's follows of the account as followee
CREATE INDEX followed_followee ON followed (followee_id);
CREATE INDEX followed_version_followee ON followed_version (followee_id);
