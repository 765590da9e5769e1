-- Hashtags (issue 13). A post's tags in order of first appearance, lower case, without '#':
-- read with the post, so that a page of posts needs no further query for them.
ALTER TABLE post ADD COLUMN hashtags text[] NOT NULL DEFAULT '{}';

-- Tag pages: one row per (tag, post), written in the post's transaction. The primary key
-- answers a page newest first (post ids are time-ordered) as an index-only scan; the rows go
-- with their post.
CREATE TABLE post_hashtag (
    tag     text NOT NULL,
    post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, post_id)
);
-- the cascade of a post's deletion
CREATE INDEX post_hashtag_post ON post_hashtag (post_id);

-- Trending: how many posts each author wrote with each tag in each hour, kept up to date in the
-- transaction of every post, edit and deletion (a row goes when its count reaches 0), so that
-- trending reads the rows of its window only, never the posts. Rows older than the longest
-- window are purged.
CREATE TABLE hashtag_author_hour (
    hour      timestamptz NOT NULL,
    tag       text        NOT NULL,
    author_id uuid        NOT NULL,
    posts     integer     NOT NULL CHECK (posts >= 0),
    PRIMARY KEY (hour, tag, author_id)
);
