package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/**
 * A page of the versions of a post's content, oldest first, the current one last.
 *
 * @param limit  1 to 100 versions
 * @param cursor the previous page's {@link PostHistory#nextCursor()}; null for the first page
 */
@MessageType("post.get-history")
public record GetPostHistoryRequest(UUID postId, int limit, String cursor) {}
