package social.auth.credentials;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "credential")
class Credential {
    @Id
    private UUID userId;

    private String username;
    private String email;
    private String passwordHash;
    private Instant createdAt;
    private String registrationKey;
    private Instant deletedAt;

    protected Credential() {}

    Credential(
            UUID userId,
            String username,
            String email,
            String passwordHash,
            Instant createdAt,
            String registrationKey) {
        this.userId = userId;
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.registrationKey = registrationKey;
    }

    UUID userId() {
        return userId;
    }

    String username() {
        return username;
    }

    /** Whether {@code key} is that of the registration request that made this account. */
    boolean madeBy(String key) {
        return key != null && key.equals(registrationKey);
    }

    boolean deleted() {
        return deletedAt != null;
    }

    String passwordHash() {
        return passwordHash;
    }
}
