package social.contract.post;

import java.time.Instant;
import java.util.UUID;

import social.contract.Erasure;
import social.contract.MessageType;

/** post-service erased the posts and reposts of a deleted account (each with its own {@code post.deleted}), the mentions of it and its copy of the account's follows. */
@MessageType("posts.erased")
public record PostsErased(UUID eventId, Instant occurredAt, int version, UUID userId) implements Erasure {}
