-- The newest pair version (followers-service's count of a pair's changes, pairVersion on the
-- follow events) applied to followed, kept after an unfollow too: a follow older than the unfollow
-- that ended it (one replayed from a dead-letter queue, say) no longer brings the followee back.
-- Kept apart from followed so that the home timeline's query and index stay as they were.
CREATE TABLE followed_version (
    follower_id uuid   NOT NULL,
    followee_id uuid   NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
