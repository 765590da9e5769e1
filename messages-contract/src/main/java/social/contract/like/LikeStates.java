package social.contract.like;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/**
 * One state per post asked about, in any order; a post nobody liked has count 0. The caller's
 * bookmarks ride along, so a page costs no extra question for them.
 */
@MessageType("like.states")
public record LikeStates(List<LikeState> states) {
    public LikeStates {
        states = List.copyOf(states);
    }

    public record LikeState(UUID postId, long likeCount, boolean likedByMe, boolean bookmarkedByMe) {}
}
