package social.contract.user;

import java.util.List;

import social.contract.MessageType;

/** The users asked for that exist, in no particular order. */
@MessageType("user.summaries")
public record UserSummaries(List<UserSummary> users) {
    public UserSummaries {
        users = List.copyOf(users);
    }
}
