-- Leaving (issue 14): the accounts this service erased, the id and time only, so that an event
-- still in flight about one (a like, a post, a follow) creates no notification or follow row for
-- it. Purged after social.purge.tombstone-retention.
CREATE TABLE erased_user (
    user_id   uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
CREATE INDEX erased_user_erased_at ON erased_user (erased_at);
-- the erasure finds the notifications the account caused, and its follows as follower
CREATE INDEX notification_by_actor ON notification (actor_id);
CREATE INDEX follow_by_follower ON follow (follower_id);
