CREATE TABLE profile (
    id              uuid PRIMARY KEY,
    username        text        NOT NULL,
    display_name    text        NOT NULL,
    bio             text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    followers_count bigint      NOT NULL DEFAULT 0 CHECK (followers_count >= 0),
    following_count bigint      NOT NULL DEFAULT 0 CHECK (following_count >= 0),
    posts_count     bigint      NOT NULL DEFAULT 0 CHECK (posts_count >= 0)
);
-- lookup by username in any case, and prefix search on username or display name
CREATE UNIQUE INDEX profile_username_key ON profile (lower(username) text_pattern_ops);
CREATE INDEX profile_display_name_prefix ON profile (lower(display_name) text_pattern_ops);
