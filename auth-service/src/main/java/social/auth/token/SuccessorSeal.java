package social.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a successor refresh token so that only the holder of its predecessor can open it: AES-256-GCM
 * under a key derived from the predecessor (HMAC-SHA256 keyed with it, over a fixed label), bound to
 * the predecessor's row. The database keeps the predecessor only as its SHA-256, from which this key
 * cannot be derived, so a dump of the table opens nothing.
 */
final class SuccessorSeal {
    private static final byte[] LABEL = "social-auth refresh-token successor v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SuccessorSeal() {}

    static byte[] seal(String predecessor, UUID predecessorId, String successor) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, predecessor, predecessorId, nonce);
            byte[] sealed = cipher.doFinal(successor.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot seal with AES-GCM", e);
        }
    }

    /** The successor, or empty when {@code sealed} was not sealed with this predecessor for this row. */
    static Optional<String> open(String predecessor, UUID predecessorId, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher =
                    cipher(Cipher.DECRYPT_MODE, predecessor, predecessorId, Arrays.copyOfRange(sealed, 0, NONCE_BYTES));
            byte[] successor = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return Optional.of(new String(successor, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String predecessor, UUID predecessorId, byte[] nonce)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(predecessor.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        SecretKeySpec key = new SecretKeySpec(mac.doFinal(LABEL), "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(ByteBuffer.allocate(16)
                .putLong(predecessorId.getMostSignificantBits())
                .putLong(predecessorId.getLeastSignificantBits())
                .array());
        return cipher;
    }
}
