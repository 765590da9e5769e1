-- Counter changes for a profile that does not exist yet: the counter events and the registration
-- come through different queues, so the counters can drain first (user-service down at
-- registration). They wait here and are added when the profile is created.
CREATE TABLE pending_counter (
    user_id         uuid   PRIMARY KEY,
    followers_count bigint NOT NULL DEFAULT 0,
    following_count bigint NOT NULL DEFAULT 0,
    posts_count     bigint NOT NULL DEFAULT 0
);
