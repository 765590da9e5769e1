package social.auth.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords();

    @Test
    void theDecoyHashCostsWhatAStoredHashCosts() {
        String stored = passwords.hash("a password of some user");

        // verification reads algorithm, version, memory, iterations and parallelism from the hash
        assertThat(parameters(Passwords.DECOY_HASH)).isEqualTo(parameters(stored));
        assertThat(saltLength(Passwords.DECOY_HASH)).isEqualTo(saltLength(stored));
        assertThat(hashLength(Passwords.DECOY_HASH)).isEqualTo(hashLength(stored));
    }

    @Test
    void theDecoyHashIsWellFormedSoItsVerificationRunsInFull() {
        // a hash the encoder cannot decode fails at once, without the work that hides the unknown username
        assertThat(passwords.matches("decoy password that matches nothing", Passwords.DECOY_HASH))
                .isTrue();
    }

    /** {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} → {@code argon2id$v=19$m=19456,t=2,p=1}. */
    private static String parameters(String hash) {
        String[] parts = hash.split("\\$");
        return parts[1] + "$" + parts[2] + "$" + parts[3];
    }

    private static int saltLength(String hash) {
        return Base64.getDecoder().decode(pad(hash.split("\\$")[4])).length;
    }

    private static int hashLength(String hash) {
        return Base64.getDecoder().decode(pad(hash.split("\\$")[5])).length;
    }

    private static String pad(String unpadded) {
        return unpadded + "=".repeat((4 - unpadded.length() % 4) % 4);
    }
}
