-- Threads (issue 25, GET /api/posts/{id}/context). Each reply keeps the ids of the posts above it:
-- the thread's root first, its direct parent last, at most 40 (the root and the 39 nearest when the
-- chain is deeper), so that a post's ancestors are one row's array and one load, however deep the
-- chain and whichever of them were deleted since (their ids stay, their rows are gone).
CREATE FUNCTION thread_path_below(path uuid[], parent uuid) RETURNS uuid[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN cardinality(path) >= 40 THEN path[1:1] || path[cardinality(path) - 37:] || parent
                ELSE path || parent END;

ALTER TABLE post ADD COLUMN thread_path uuid[];

-- the replies written before: from the replies to a root (or to a post already gone) downwards
WITH RECURSIVE thread (id, path) AS (
    SELECT r.id, ARRAY[r.reply_to_id]
    FROM post r
    WHERE r.reply_to_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM post p WHERE p.id = r.reply_to_id AND p.reply_to_id IS NOT NULL)
  UNION ALL
    SELECT c.id, thread_path_below(t.path, t.id)
    FROM thread t
    JOIN post c ON c.reply_to_id = t.id
)
UPDATE post SET thread_path = thread.path FROM thread WHERE post.id = thread.id;

-- A deleted reply leaves its id and its parent's: the replies below it stay (their reply_to_id
-- names it), and a thread's descendants are walked through it to them.
CREATE TABLE deleted_reply (
    id          uuid PRIMARY KEY,
    reply_to_id uuid NOT NULL
);
CREATE INDEX deleted_reply_parent ON deleted_reply (reply_to_id, id);

-- Hashtag autocomplete (GET /api/hashtags/search): the counts of the tags starting with a prefix, a
-- range of this index in byte order (C collation), per tag the hours of the window. Without
-- included columns, so that counting a post up or down stays a HOT update of its row.
CREATE INDEX hashtag_author_hour_tag_prefix ON hashtag_author_hour (tag COLLATE "C", hour);
