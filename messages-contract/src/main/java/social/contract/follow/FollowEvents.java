package social.contract.follow;

import java.util.List;

/**
 * Events of followers-service.
 *
 * <p>Each carries {@code pairVersion}, which orders the changes of one (follower, followee) pair:
 * followers-service counts every follow, unfollow and notify switch of the pair, 1 for its first,
 * in the transaction of the change, never reusing a number (an unfollow keeps the count, so a
 * follow again continues it). A copy of the graph applies an event only when its
 * {@code pairVersion} is above the one it holds for the pair, whatever the clocks that stamped
 * {@code occurredAt} say. 0 (absent from the JSON): published before pair versions existed.
 *
 * <p>Blocks and mutes (blocker or muter first) have pair versions of their own, one count per
 * kind: the block/unblock events of a pair are ordered by theirs, the mute/unmute events by theirs,
 * so that a copy of the block and mute lists applies them in order whatever the delivery order.
 */
public final class FollowEvents {
    public static final List<Class<?>> MESSAGES = List.of(
            UserFollowed.class,
            UserUnfollowed.class,
            FollowNotifyChanged.class,
            UserBlocked.class,
            UserUnblocked.class,
            UserMuted.class,
            UserUnmuted.class,
            FollowsErased.class);

    private FollowEvents() {}
}
