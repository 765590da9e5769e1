package social.auth.credentials;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import social.support.error.Validation;

/**
 * Argon2id at OWASP's first recommended setting (19 MiB, 2 iterations, parallelism 1): unlike
 * BCrypt it has no 72-byte limit, so every password the API allows (up to 128 characters) counts
 * in full.
 */
@Component
class Passwords {
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    /**
     * Verified against (the outcome ignored) when the username is unknown, so both answers take as
     * long: a hash of a fixed password with the encoder's parameters, which verification reads from
     * the hash. A constant rather than made at start-up, where one Argon2 hash costs a second of CPU
     * before the JIT has compiled anything. {@code PasswordsTest} keeps its parameters the encoder's.
     */
    static final String DECOY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$M6J2AR8CEfky7o7XOnWKXw$97zS3iafI3DCNgleJe4Bg3FQ8UqVXwWi06GM47qqLL4";

    private final PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /** The rules of a new password (registration, a change): 8 to 128 characters, any but control characters. */
    static Validation requireAllowed(Validation validation, String password, String field) {
        // any characters count, spaces too: only the length is ruled
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        return validation
                .require(
                        password != null && length >= MIN_LENGTH && length <= MAX_LENGTH,
                        field,
                        "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters")
                .requireCleanPassword(password, field);
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void spendDecoyVerification(String password) {
        encoder.matches(password, DECOY_HASH);
    }
}
