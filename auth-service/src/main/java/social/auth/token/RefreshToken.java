package social.auth.token;

import java.time.Duration;
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
    private UUID successorId;
    /** The successor's plaintext, sealed with this token ({@link SuccessorSeal}), during the grace window only. */
    private byte[] successorSealed;

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

    UUID id() {
        return id;
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

    UUID successorId() {
        return successorId;
    }

    byte[] successorSealed() {
        return successorSealed;
    }

    /**
     * Whether this token was rotated less than {@code grace} ago into a successor it still holds,
     * and its login was not revoked since: a retry of that rotation, not a reuse.
     */
    boolean rotatedWithin(Duration grace, Instant now) {
        return usedAt != null
                && revokedAt == null
                && successorId != null
                && successorSealed != null
                && grace.compareTo(Duration.ZERO) > 0
                && now.isBefore(usedAt.plus(grace));
    }

    /** Used up: rotated into {@code successorId}, whose token is kept sealed for a retry (null: not kept). */
    void markRotated(Instant now, UUID successorId, byte[] successorSealed) {
        this.usedAt = now;
        this.successorId = successorId;
        this.successorSealed = successorSealed;
    }
}
