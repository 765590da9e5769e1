package social.contract.user;

import java.util.List;

import social.contract.MessageType;

/** Many users by username, ignoring case, in one question (a post's mentions); answers those that exist. */
@MessageType("user.find-by-usernames")
public record FindUsersByUsernamesRequest(List<String> usernames) {
    public FindUsersByUsernamesRequest {
        usernames = List.copyOf(usernames);
    }
}
