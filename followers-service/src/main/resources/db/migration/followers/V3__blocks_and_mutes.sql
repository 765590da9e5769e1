-- Who blocks whom and who mutes whom; created_at orders each user's list (newest first).
CREATE TABLE block (
    blocker_id uuid        NOT NULL,
    blocked_id uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX block_page ON block (blocker_id, created_at DESC, blocked_id DESC);

CREATE TABLE mute (
    muter_id   uuid        NOT NULL,
    muted_id   uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (muter_id, muted_id),
    CHECK (muter_id <> muted_id)
);
CREATE INDEX mute_page ON mute (muter_id, created_at DESC, muted_id DESC);

-- Like follow_pair_version: each block/unblock (and each mute/unmute) of a pair counts up its
-- version, carried by the event as pairVersion, so the copies apply them in order.
CREATE TABLE block_pair_version (
    blocker_id uuid   NOT NULL,
    blocked_id uuid   NOT NULL,
    version    bigint NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE TABLE mute_pair_version (
    muter_id uuid   NOT NULL,
    muted_id uuid   NOT NULL,
    version  bigint NOT NULL,
    PRIMARY KEY (muter_id, muted_id)
);
