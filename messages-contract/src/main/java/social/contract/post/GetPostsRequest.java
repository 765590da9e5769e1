package social.contract.post;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/**
 * Posts by id, in one question (a page of ids another service keeps, such as bookmarks).
 *
 * @param callerId null for an anonymous caller
 */
@MessageType("post.get-many")
public record GetPostsRequest(UUID callerId, List<UUID> postIds) {
    public GetPostsRequest {
        postIds = List.copyOf(postIds);
    }
}
