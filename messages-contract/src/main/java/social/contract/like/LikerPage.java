package social.contract.like;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/** A page of the users who liked a post, newest like first. */
@MessageType("like.liker-page")
public record LikerPage(List<UUID> userIds, String nextCursor) {
    public LikerPage {
        userIds = List.copyOf(userIds);
    }
}
