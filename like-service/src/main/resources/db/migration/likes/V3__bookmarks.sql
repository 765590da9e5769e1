-- The posts each user bookmarked, private to that user: only their own requests read them.
-- A user bookmarks a post at most once; id is time-ordered (UUIDv7), the keyset of the
-- newest-bookmark-first list (a repeated bookmark keeps its first id and place).
CREATE TABLE bookmark (
    user_id    uuid        NOT NULL,
    post_id    uuid        NOT NULL,
    id         uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, post_id)
);
-- a user's bookmarks, newest first (keyset by id); the primary key answers bookmarkedByMe for a page
CREATE UNIQUE INDEX bookmark_newest ON bookmark (user_id, id DESC);
-- a deleted post's bookmarks go with it (post.deleted)
CREATE INDEX bookmark_post ON bookmark (post_id);
