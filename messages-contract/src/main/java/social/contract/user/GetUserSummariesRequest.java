package social.contract.user;

import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/** One question for many users (a page's authors), never one per user. */
@MessageType("user.get-summaries")
public record GetUserSummariesRequest(List<UUID> userIds) {
    public GetUserSummariesRequest {
        userIds = List.copyOf(userIds);
    }
}
