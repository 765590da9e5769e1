package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** Every version of a post's content, oldest first, the current one last. */
@MessageType("post.get-history")
public record GetPostHistoryRequest(UUID postId) {}
