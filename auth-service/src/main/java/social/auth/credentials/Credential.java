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

    protected Credential() {}

    Credential(UUID userId, String username, String email, String passwordHash, Instant createdAt) {
        this.userId = userId;
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    UUID userId() {
        return userId;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }
}
