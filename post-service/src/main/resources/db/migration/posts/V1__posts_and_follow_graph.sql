-- Posts, replies and reposts. A repost has empty content and repost_of_id set; replies keep
-- reply_to_id after their parent is deleted (no foreign key), reposts go with their original.
CREATE TABLE post (
    id           uuid        PRIMARY KEY,
    author_id    uuid        NOT NULL,
    content      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    reply_to_id  uuid,
    repost_of_id uuid REFERENCES post (id) ON DELETE CASCADE,
    reply_count  bigint      NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
    repost_count bigint      NOT NULL DEFAULT 0 CHECK (repost_count >= 0)
);
-- a user's posts and the home timeline: newest first per author (ids are time-ordered)
CREATE INDEX post_author_newest ON post (author_id, id DESC);
-- the replies of a post, oldest first
CREATE INDEX post_replies_oldest ON post (reply_to_id, id) WHERE reply_to_id IS NOT NULL;
-- once per user and original; also answers "did the caller repost these posts" and "the reposts of a post"
CREATE UNIQUE INDEX post_one_repost_per_author ON post (repost_of_id, author_id) WHERE repost_of_id IS NOT NULL;

-- Idempotency-Key of POST /api/posts: a repeat of (author, key) answers the first post.
CREATE TABLE post_idempotency_key (
    author_id       uuid NOT NULL,
    idempotency_key text NOT NULL,
    post_id         uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (author_id, idempotency_key)
);
CREATE INDEX post_idempotency_key_post ON post_idempotency_key (post_id);

-- post-service's own copy of the follow graph, fed by followers-service's events, so that a
-- home timeline page is one local query.
CREATE TABLE followed (
    follower_id uuid NOT NULL,
    followee_id uuid NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
