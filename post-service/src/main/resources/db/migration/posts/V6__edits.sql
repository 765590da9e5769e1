-- Edits (issue 13): when the content last changed (null: never), and every earlier version of
-- it, numbered in order, with the time it was written. The current version is the post's own
-- content; the history is the revisions and then it. Revisions go with their post.
ALTER TABLE post ADD COLUMN edited_at timestamptz;
CREATE TABLE post_revision (
    post_id    uuid        NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    revision   integer     NOT NULL,
    content    text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, revision)
);
