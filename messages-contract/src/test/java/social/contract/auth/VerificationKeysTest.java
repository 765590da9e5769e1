package social.contract.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerificationKeysTest {

    @Test
    void aKeyIdIsTheFirstEightBytesOfTheSha256OfTheX509FormInHex() {
        // SHA-256 of no bytes is e3b0c44298fc1c149afbf4c8996fb924...
        assertThat(VerificationKeys.keyIdOf(new byte[0])).isEqualTo("e3b0c44298fc1c14");
    }
}
