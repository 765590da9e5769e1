-- Full-text search (issue 13). The content's lexemes (English stems, stop words dropped) in a
-- stored generated column, so that every write of the content (create, edit) keeps it right in
-- the same statement, and a GIN index over it. Adding the column rewrites the table once.
ALTER TABLE post ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED;
CREATE INDEX post_search ON post USING gin (search);

-- Search's @username terms: the users a post mentions (lower case), written in the post's
-- transaction like its tags; the rows go with their post.
CREATE TABLE post_mention (
    username text NOT NULL,
    post_id  uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    PRIMARY KEY (username, post_id)
);
-- the cascade of a post's deletion
CREATE INDEX post_mention_post ON post_mention (post_id);
