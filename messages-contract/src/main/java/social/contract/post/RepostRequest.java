package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** Repost a post (a repost's original, if it is one); once per caller and post. */
@MessageType("post.repost")
public record RepostRequest(UUID callerId, UUID postId) {}
