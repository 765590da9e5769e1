package social.auth.credentials;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id at OWASP's first recommended setting (19 MiB, 2 iterations, parallelism 1): unlike
 * BCrypt it has no 72-byte limit, so every password the API allows (up to 128 characters) counts
 * in full.
 */
@Component
class Passwords {
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    // verified against when the username is unknown, so both answers take as long
    private final String decoyHash = encoder.encode("decoy password that matches nothing");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void spendDecoyVerification(String password) {
        encoder.matches(password, decoyHash);
    }
}
