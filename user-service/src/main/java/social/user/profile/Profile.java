package social.user.profile;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import social.contract.user.User;
import social.contract.user.UserSummary;

@Entity
@Table(name = "profile")
class Profile {
    @Id
    private UUID id;

    private String username;
    private String displayName;
    private String bio;
    private Instant createdAt;

    @Column(insertable = false, updatable = false)
    private long followersCount;

    @Column(insertable = false, updatable = false)
    private long followingCount;

    @Column(insertable = false, updatable = false)
    private long postsCount;

    protected Profile() {}

    /** @return whether the display name changed */
    boolean rename(String displayName) {
        if (displayName.equals(this.displayName)) {
            return false;
        }
        this.displayName = displayName;
        return true;
    }

    void describe(String bio) {
        this.bio = bio;
    }

    User toUser() {
        return new User(id, username, displayName, bio, createdAt, followersCount, followingCount, postsCount);
    }

    UserSummary toSummary() {
        return new UserSummary(id, username, displayName);
    }
}
