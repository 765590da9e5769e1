package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** @param callerId null for an anonymous caller */
@MessageType("post.get")
public record GetPostRequest(UUID callerId, UUID postId) {}
