package social.contract.user;

import java.time.Instant;
import java.util.UUID;

import social.contract.MessageType;

/** A public profile with its counters (the API's User shape). */
@MessageType("user.user")
public record User(
        UUID id,
        String username,
        String displayName,
        String bio,
        Instant createdAt,
        long followersCount,
        long followingCount,
        long postsCount) {

    public UserSummary summary() {
        return new UserSummary(id, username, displayName);
    }
}
