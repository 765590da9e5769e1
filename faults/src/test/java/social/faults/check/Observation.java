package social.faults.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the system holds after healing and quiescence, read behind the services' backs.
 * {@code leftovers}: for each account whose deletion was asked, the columns ({@code schema.table.column})
 * of any service's tables that still name it.
 */
public record Observation(
        Map<UUID, String> credentials,
        Map<UUID, Profile> profiles,
        long pendingCounters,
        List<PostRow> posts,
        Set<Pair> likes,
        Map<UUID, Long> likeCounts,
        Map<Pair, Boolean> follows,
        Set<Pair> postServiceFollowGraph,
        Map<Pair, Boolean> notificationFollowGraph,
        List<NotificationRow> notifications,
        Map<String, Long> outboxes,
        Map<String, Long> queueDepths,
        long signingKeys,
        long auditedEvents,
        List<String> unprocessedEvents,
        Map<UUID, Set<String>> leftovers) {

    public record Profile(String username, long followers, long following, long posts) {}

    public record PostRow(UUID id, UUID authorId, String content) {}

    /** A directed pair: follower → followee, or liker → post. */
    public record Pair(UUID from, UUID to) {}

    public record NotificationRow(UUID recipientId, String type, UUID actorId, UUID postId) {}
}
