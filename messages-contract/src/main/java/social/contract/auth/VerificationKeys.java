package social.contract.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import social.contract.MessageType;

/**
 * Public keys that verify access tokens, with the pinned parameters.
 *
 * @param issuer   the {@code iss} every token carries
 * @param audience the {@code aud} every token carries
 */
@MessageType("auth.verification-keys-reply")
public record VerificationKeys(String issuer, String audience, List<Key> keys) {
    public VerificationKeys {
        keys = List.copyOf(keys);
    }

    /** @param x509 the DER-encoded X.509 SubjectPublicKeyInfo, base64 */
    public record Key(String keyId, String algorithm, String x509) {}

    /**
     * The id of a public key, as tokens name it in {@code kid}: the first 8 bytes of the SHA-256 of
     * its DER-encoded X.509 form, in hex. One rule for the signer and every verifier.
     */
    public static String keyIdOf(byte[] x509) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
