-- Posts known to be deleted (from post.deleted): a like that raced with the deletion is refused
-- inside its own transaction, so no like outlives its post.
CREATE TABLE deleted_post (
    post_id    uuid        PRIMARY KEY,
    deleted_at timestamptz NOT NULL
);
