-- Every change of a (follower, followee) pair (follow, unfollow, notify switch) counts up the
-- pair's version in the transaction of the change, and its event carries it (pairVersion): the
-- copies of the graph apply an event only if its version is above the one they hold, whatever the
-- clocks that stamped occurredAt say. The count outlives an unfollow (which is why it is not a
-- column of follow), so a follow again continues it.
CREATE TABLE follow_pair_version (
    follower_id uuid   NOT NULL,
    followee_id uuid   NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
