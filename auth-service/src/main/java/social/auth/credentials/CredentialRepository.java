package social.auth.credentials;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CredentialRepository extends JpaRepository<Credential, UUID> {

    /** A live account by name: a deleted one is unknown here, though its name stays taken until it is erased. */
    @Query("select c from Credential c where lower(c.username) = lower(:username) and c.deletedAt is null")
    Optional<Credential> findByUsernameIgnoringCase(String username);

    @Query("select count(c) > 0 from Credential c where lower(c.username) = lower(:username)")
    boolean usernameTaken(String username);

    @Query("select count(c) > 0 from Credential c where lower(c.email) = lower(:email)")
    boolean emailTaken(String email);
}
