package social.auth.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from RefreshToken t where t.tokenHash = :hash")
    Optional<RefreshToken> findForUpdate(byte[] hash);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from RefreshToken t where t.id = :id")
    Optional<RefreshToken> findByIdForUpdate(UUID id);

    /** Revokes the login's tokens and drops the successors they kept sealed for a retry. */
    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now, t.successorSealed = null"
            + " where t.familyId = :familyId and t.revokedAt is null")
    int revokeFamily(UUID familyId, Instant now);

    /** Drops the sealed successors of tokens rotated before {@code before}: their grace window is over. */
    @Modifying
    @Query(
            value = "UPDATE refresh_token SET successor_sealed = NULL"
                    + " WHERE successor_sealed IS NOT NULL AND used_at < :before",
            nativeQuery = true)
    int forgetSuccessorsRotatedBefore(Instant before);

    /**
     * Deletes the tokens of every family that is over: each of its tokens expired or was revoked
     * before {@code before} (LEAST skips a null revoked_at). A live family keeps its used tokens,
     * so their reuse is still caught.
     */
    @Modifying
    @Query(value = """
                    DELETE FROM refresh_token t WHERE t.family_id IN (
                      SELECT family_id FROM refresh_token GROUP BY family_id
                      HAVING max(least(revoked_at, expires_at)) < :before)
                    """, nativeQuery = true)
    int deleteFamiliesOverBefore(Instant before);

    /**
     * Deletes the tokens of live logins rotated before {@code before}: reuse detection keeps them that long
     * (refresh_token_rotated).
     */
    @Modifying
    @Query(value = "DELETE FROM refresh_token WHERE used_at < :before AND revoked_at IS NULL", nativeQuery = true)
    int deleteRotatedBefore(Instant before);
}
