package social.contract.like;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/** A page of the ids of the posts a user bookmarked, newest bookmark first; {@code nextCursor} null on the last. */
@MessageType("like.bookmark-page")
public record BookmarkPage(List<UUID> postIds, String nextCursor) {
    public BookmarkPage {
        postIds = List.copyOf(postIds);
    }
}
