package social.auth.credentials;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What other features may learn from the stored credentials: the hashes never leave this package. */
@Component
public class Accounts {
    private final CredentialRepository credentials;
    private final Passwords passwords;
    private final JdbcClient db;

    Accounts(CredentialRepository credentials, Passwords passwords, JdbcClient db) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.db = db;
    }

    /**
     * The account that {@code password} opens, or empty: for an unknown username as well as a
     * wrong password, and taking as long for either (an unknown username spends a decoy hash).
     */
    public Optional<Account> verify(String username, String password) {
        Optional<Credential> credential = credentials.findByUsernameIgnoringCase(username);
        if (credential.isEmpty()) {
            passwords.spendDecoyVerification(password);
            return Optional.empty();
        }
        return passwords.matches(password, credential.get().passwordHash())
                ? Optional.of(
                        new Account(credential.get().userId(), credential.get().username()))
                : Optional.empty();
    }

    /**
     * Whether {@code password} opens the live account {@code userId} (false also for a deleted or
     * unknown one); costs one hash either way.
     */
    public boolean opens(UUID userId, String password) {
        Optional<Credential> credential = credentials.findById(userId).filter(c -> !c.deleted());
        if (credential.isEmpty()) {
            passwords.spendDecoyVerification(password);
            return false;
        }
        return passwords.matches(password, credential.get().passwordHash());
    }

    /**
     * Marks the live account deleted, in the caller's transaction: logins treat it as unknown from
     * now on, while its username and email stay taken until {@link #forget}. Returns its username,
     * or empty if it was deleted already (or never existed).
     */
    public Optional<String> markDeleted(UUID userId, Instant at) {
        int marked = db.sql("UPDATE credential SET deleted_at = ? WHERE user_id = ? AND deleted_at IS NULL")
                .params(Timestamp.from(at), userId)
                .update();
        return marked == 1
                ? Optional.of(db.sql("SELECT username FROM credential WHERE user_id = ?")
                        .params(userId)
                        .query(String.class)
                        .single())
                : Optional.empty();
    }

    /**
     * Whether the account exists and is not deleted, holding it so until the caller's transaction
     * ends: a deletion (which updates the row) waits, so no token is issued to a deleted account.
     */
    public boolean holdLive(UUID userId) {
        return db.sql("SELECT 1 FROM credential WHERE user_id = ? AND deleted_at IS NULL FOR SHARE")
                .params(userId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** Drops a deleted account's credential for good: its username and email are free again. */
    public void forget(UUID userId) {
        db.sql("DELETE FROM credential WHERE user_id = ? AND deleted_at IS NOT NULL")
                .params(userId)
                .update();
    }

    /** The username of an account that exists. */
    public String usernameOf(UUID userId) {
        return credentials.findById(userId).orElseThrow().username();
    }

    public record Account(UUID userId, String username) {}
}
