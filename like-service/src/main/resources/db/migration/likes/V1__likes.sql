-- Who liked which post; a user likes a post at most once.
CREATE TABLE post_like (
    post_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
-- the likes of a post, newest first (keyset by created_at, user_id)
CREATE INDEX post_like_newest ON post_like (post_id, created_at DESC, user_id DESC);

-- Likes per post, kept in the transaction of each like and unlike, so a page reads counts
-- without counting rows. A row exists for every post that has or had a like.
CREATE TABLE like_count (
    post_id    uuid   PRIMARY KEY,
    like_count bigint NOT NULL DEFAULT 0 CHECK (like_count >= 0)
);
