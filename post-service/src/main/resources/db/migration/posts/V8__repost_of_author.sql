-- Blocks and mutes (issue 14): a home-timeline page leaves out reposts of a hidden author's post.
-- The original's author is kept on the repost, and the author index carries it, so that the page
-- stays an index-only scan per author: without it every candidate row was a heap fetch and a
-- lookup of its original (3x the page's time at 1,000 blocks).
ALTER TABLE post ADD COLUMN repost_of_author_id uuid;
UPDATE post r SET repost_of_author_id = o.author_id FROM post o WHERE r.repost_of_id = o.id;
DROP INDEX post_author_newest;
CREATE INDEX post_author_newest ON post (author_id, id DESC) INCLUDE (repost_of_author_id);
