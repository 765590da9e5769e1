package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/**
 * The thread around a post: the posts it answers, up to the thread's root, and the replies below it.
 *
 * @param callerId null for an anonymous caller
 */
@MessageType("post.get-context")
public record GetPostContextRequest(UUID callerId, UUID postId) {}
