package social.contract.follow;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/** A page of user ids in list order; {@code nextCursor} is null on the last page. */
@MessageType("follow.page")
public record FollowPage(List<UUID> userIds, String nextCursor) {
    public FollowPage {
        userIds = List.copyOf(userIds);
    }
}
