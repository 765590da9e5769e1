package social.user.profile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProfileRepository extends JpaRepository<Profile, UUID> {

    /** Creates the profile unless it exists: registration's reply and its event may both ask. */
    @Modifying
    @Query(value = """
            INSERT INTO profile (id, username, display_name, created_at) VALUES (:id, :username, :displayName, :createdAt)
            ON CONFLICT DO NOTHING""", nativeQuery = true)
    int createIfAbsent(UUID id, String username, String displayName, Instant createdAt);

    /**
     * The profile, locked until the transaction ends: concurrent updates of one profile run one
     * after the other, so each sees what the previous wrote and their events leave in that order.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT p FROM Profile p WHERE p.id = :id")
    Optional<Profile> findForUpdate(UUID id);

    @Query(value = "SELECT * FROM profile WHERE lower(username) = lower(:username)", nativeQuery = true)
    Optional<Profile> findByUsernameIgnoringCase(String username);

    /** Prefix {@code pattern} is lower case and LIKE-escaped; ordered by username for keyset paging. */
    @Query(value = """
            SELECT * FROM profile
            WHERE (lower(username) LIKE :pattern OR lower(display_name) LIKE :pattern)
              AND lower(username) > :after
            ORDER BY lower(username)
            LIMIT :limit""", nativeQuery = true)
    List<Profile> search(String pattern, String after, int limit);

    List<Profile> findByIdIn(Collection<UUID> ids);

    /** {@code usernames} lower case; served by the unique index on lower(username). */
    @Query(value = "SELECT * FROM profile WHERE lower(username) IN (:usernames)", nativeQuery = true)
    List<Profile> findByLowerUsernameIn(Collection<String> usernames);
}
