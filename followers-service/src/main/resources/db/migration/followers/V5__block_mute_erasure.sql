-- The erasure of a deleted account removes its blocks and mutes on either side, with their pair
-- versions: the second column of each primary key needs an index of its own for that.
CREATE INDEX block_blocked ON block (blocked_id);
CREATE INDEX mute_muted ON mute (muted_id);
CREATE INDEX block_pair_version_blocked ON block_pair_version (blocked_id);
CREATE INDEX mute_pair_version_muted ON mute_pair_version (muted_id);
