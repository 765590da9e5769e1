-- The erasure of a deleted account (BlockListCopy.erase) removes the rows naming it on either side,
-- inactive ones included, which the partial indexes of the reads do not cover.
CREATE INDEX user_block_blocked_any ON user_block (blocked_id);
CREATE INDEX user_mute_muted_any ON user_mute (muted_id);
