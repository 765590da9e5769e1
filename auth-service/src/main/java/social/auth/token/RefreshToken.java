package social.auth.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "refresh_token")
class RefreshToken {
    @Id
    private UUID id;

    private byte[] tokenHash;
    private UUID familyId;
    private UUID userId;
    private Instant createdAt;
    private Instant familyStartedAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;

    protected RefreshToken() {}

    RefreshToken(
            UUID id,
            byte[] tokenHash,
            UUID familyId,
            Instant familyStartedAt,
            UUID userId,
            Instant createdAt,
            Instant expiresAt) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.familyStartedAt = familyStartedAt;
        this.userId = userId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID familyId() {
        return familyId;
    }

    Instant familyStartedAt() {
        return familyStartedAt;
    }

    UUID userId() {
        return userId;
    }

    boolean used() {
        return usedAt != null;
    }

    boolean usableAt(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    void markUsed(Instant now) {
        usedAt = now;
    }
}
