-- One row per notification. Ids are UUIDv7 (time-ordered): keyset pages by id.
CREATE TABLE notification (
    id           uuid PRIMARY KEY,
    recipient_id uuid        NOT NULL,
    type         text        NOT NULL CHECK (type IN ('FOLLOW', 'LIKE', 'REPLY', 'REPOST', 'MENTION', 'NEW_POST')),
    actor_id     uuid        NOT NULL,
    post_id      uuid,
    created_at   timestamptz NOT NULL,
    read         boolean     NOT NULL DEFAULT false,
    CHECK ((type = 'FOLLOW') = (post_id IS NULL)),
    CHECK (recipient_id <> actor_id)
);
-- at most one notification per (recipient, type, actor, post): liking again, following again or a
-- redelivered event inserts nothing (ON CONFLICT DO NOTHING)
CREATE UNIQUE INDEX notification_once ON notification (recipient_id, type, actor_id, post_id) NULLS NOT DISTINCT;
-- the recipient's list, newest first
CREATE INDEX notification_by_recipient ON notification (recipient_id, id DESC);
-- unread list and unread count
CREATE INDEX notification_unread_by_recipient ON notification (recipient_id, id DESC) WHERE NOT read;
-- removal when a post is deleted (and of a REPOST when the repost is undone)
CREATE INDEX notification_by_post ON notification (post_id) WHERE post_id IS NOT NULL;

-- Posts known to be deleted: an event about one that arrives late creates no notification.
CREATE TABLE deleted_post (
    post_id    uuid PRIMARY KEY,
    deleted_at timestamptz NOT NULL DEFAULT now()
);

-- This service's copy of the follow graph (from followers-service's events), for NEW_POST fan-out.
-- A row stays after an unfollow (following = false) so that events applied out of order are
-- resolved by changed_at: the latest change wins.
CREATE TABLE follow (
    follower_id uuid        NOT NULL,
    followee_id uuid        NOT NULL,
    following   boolean     NOT NULL,
    notify      boolean     NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
-- who to notify of a new post by followee_id
CREATE INDEX follow_notify_followers ON follow (followee_id, follower_id) WHERE following AND notify;
