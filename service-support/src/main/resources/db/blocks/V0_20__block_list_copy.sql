-- A service's copy of followers-service's block and mute lists (service-support's
-- social.support.blocks.BlockListCopy), fed by the user.blocked/unblocked and user.muted/unmuted
-- events. A row is kept after an unblock or unmute (active false) with the newest pair version
-- applied, so that an older event delivered late (or replayed) changes nothing.
CREATE TABLE user_block (
    blocker_id uuid    NOT NULL,
    blocked_id uuid    NOT NULL,
    active     boolean NOT NULL,
    version    bigint  NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
-- who blocks a user: the other direction of the primary key
CREATE INDEX user_block_blocked ON user_block (blocked_id, blocker_id) WHERE active;

CREATE TABLE user_mute (
    muter_id uuid    NOT NULL,
    muted_id uuid    NOT NULL,
    active   boolean NOT NULL,
    version  bigint  NOT NULL,
    PRIMARY KEY (muter_id, muted_id)
);
-- "who mutes the actor": whom a notification from the actor may not reach
CREATE INDEX user_mute_muted ON user_mute (muted_id, muter_id) WHERE active;
