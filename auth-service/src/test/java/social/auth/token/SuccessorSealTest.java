package social.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SuccessorSealTest {
    private static final String PREDECESSOR = "mJ3v8Q2kq0s9bX1yZ7cW4eR6tY8uI0oP2aS4dF6gH8j";
    private static final String SUCCESSOR = "Zx9cV7bN5mL3kJ1hG9fD7sA5pO3iU1yT9rE7wQ5eR3t";
    private static final UUID ROW = UUID.randomUUID();

    @Test
    void onlyThePredecessorOfItsOwnRowOpensTheSeal() throws Exception {
        byte[] sealed = SuccessorSeal.seal(PREDECESSOR, ROW, SUCCESSOR);

        assertThat(SuccessorSeal.open(PREDECESSOR, ROW, sealed)).contains(SUCCESSOR);
        assertThat(SuccessorSeal.open(PREDECESSOR.replace('m', 'n'), ROW, sealed))
                .isEmpty();
        assertThat(SuccessorSeal.open(PREDECESSOR, UUID.randomUUID(), sealed)).isEmpty();
        // what the table keeps of the predecessor (its SHA-256) is no key to it
        byte[] storedHash = MessageDigest.getInstance("SHA-256").digest(PREDECESSOR.getBytes(StandardCharsets.UTF_8));
        assertThat(SuccessorSeal.open(HexFormat.of().formatHex(storedHash), ROW, sealed))
                .isEmpty();
        assertThat(SuccessorSeal.open(Base64.getUrlEncoder().withoutPadding().encodeToString(storedHash), ROW, sealed))
                .isEmpty();
    }

    @Test
    void aTamperedSealOpensToNothing() {
        byte[] sealed = SuccessorSeal.seal(PREDECESSOR, ROW, SUCCESSOR);
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length - 1] ^= 1;

        assertThat(SuccessorSeal.open(PREDECESSOR, ROW, tampered)).isEmpty();
        assertThat(SuccessorSeal.open(PREDECESSOR, ROW, new byte[3])).isEmpty();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SUCCESSOR);
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        assertThat(SuccessorSeal.seal(PREDECESSOR, ROW, SUCCESSOR))
                .isNotEqualTo(SuccessorSeal.seal(PREDECESSOR, ROW, SUCCESSOR));
    }
}
