package social.contract.like;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/** @param callerId null for an anonymous caller (then nothing is liked or bookmarked by them) */
@MessageType("like.get-states")
public record GetLikeStatesRequest(UUID callerId, List<UUID> postIds) {
    public GetLikeStatesRequest {
        postIds = List.copyOf(postIds);
    }
}
