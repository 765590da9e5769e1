package social.contract.post;

import social.contract.MessageType;

/** One post; {@code created} tells whether this request created it (false: it existed already). */
@MessageType("post.result")
public record PostResult(Post post, boolean created) {}
