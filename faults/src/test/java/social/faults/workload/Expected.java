package social.faults.workload;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the clients know they did, for the checker: per key they own, whether the last definite
 * answer said it is so ({@link Tri#YES}), is not so ({@link Tri#NO}), or an unanswered attempt left
 * it open ({@link Tri#EITHER}); and whether it was ever acknowledged or ever attempted at all.
 * {@code leavers}: the accounts whose deletion was asked, {@link Tri#YES} once acknowledged, else
 * {@link Tri#EITHER}; what they did is in the other lists, already marked undone where the
 * deletion was acknowledged.
 */
public record Expected(
        Map<UUID, String> users,
        Set<String> attemptedUsernames,
        List<Post> posts,
        List<Like> likes,
        List<Follow> follows,
        Map<UUID, Tri> leavers) {

    public enum Tri {
        YES,
        NO,
        EITHER;

        public boolean allows(boolean actual) {
            return this == EITHER || (this == YES) == actual;
        }
    }

    /**
     * @param key       the Idempotency-Key, also written into the content ({@code k=<key>})
     * @param postId    known once a create was acknowledged
     * @param exists    whether the post must exist now (NO once a delete was acknowledged)
     * @param mentioned the users named with {@code @username} in it
     */
    public record Post(String key, UUID authorId, UUID postId, boolean acked, Tri exists, Set<UUID> mentioned) {}

    public record Like(UUID likerId, UUID postId, Tri liked, boolean everAcked) {}

    public record Follow(UUID followerId, UUID followeeId, Tri following, Tri notifying, boolean everAcked) {}
}
