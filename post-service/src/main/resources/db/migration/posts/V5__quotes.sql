-- Quotes (issue 13): a post that quotes another keeps its id until the quoted post is deleted
-- (then null: the quote stays, showing no quoted post), and each post counts its quotes in the
-- transaction of each quote and its deletion.
ALTER TABLE post ADD COLUMN quote_of_id uuid REFERENCES post (id) ON DELETE SET NULL,
                 ADD COLUMN quote_count bigint NOT NULL DEFAULT 0 CHECK (quote_count >= 0);
-- the quotes of a post, newest first; also what the deletion of a quoted post sets to null
CREATE INDEX post_quotes_newest ON post (quote_of_id, id DESC) WHERE quote_of_id IS NOT NULL;
