-- The changes of a pair are ordered by followers-service's count of them (pairVersion on the
-- follow events), no longer by the clocks that stamped changed_at: a clock stepped back, or two
-- instances with skewed clocks, made a later unfollow or notify switch lose. A change is applied
-- only if its pair_version is above the row's. 0: set by an event from before pair versions.
ALTER TABLE follow ADD COLUMN pair_version bigint NOT NULL DEFAULT 0;
