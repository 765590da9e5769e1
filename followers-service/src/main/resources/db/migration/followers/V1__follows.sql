-- Who follows whom; created_at orders the follower and following lists (newest first).
CREATE TABLE follow (
    follower_id uuid        NOT NULL,
    followee_id uuid        NOT NULL,
    notify      boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
-- keyset pages of a user's followers and of whom a user follows, newest follow first
CREATE INDEX follow_followers_page ON follow (followee_id, created_at DESC, follower_id DESC);
CREATE INDEX follow_following_page ON follow (follower_id, created_at DESC, followee_id DESC);
