package social.auth.credentials;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** What other features may learn from the stored credentials: the hashes never leave this package. */
@Component
public class Accounts {
    private final CredentialRepository credentials;
    private final Passwords passwords;

    Accounts(CredentialRepository credentials, Passwords passwords) {
        this.credentials = credentials;
        this.passwords = passwords;
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

    /** The username of an account that exists. */
    public String usernameOf(UUID userId) {
        return credentials.findById(userId).orElseThrow().username();
    }

    public record Account(UUID userId, String username) {}
}
