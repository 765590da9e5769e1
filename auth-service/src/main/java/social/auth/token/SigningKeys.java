package social.auth.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import social.auth.AuthProperties;
import social.contract.auth.VerificationKeys;

/**
 * The Ed25519 key pair access tokens are signed with. Taken from configuration when given;
 * otherwise generated once and kept in the auth schema, so that all instances and restarts agree.
 * Only the public key ever leaves this service.
 */
@Component
class SigningKeys {
    static final String ALGORITHM = "EdDSA";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** The advisory lock key of key generation ("SIGNKEY"); advisory locks are per database. */
    private static final long GENERATION_LOCK = 0x5349474e4b4559L;

    private final KeyPair keyPair;
    private final String keyId;
    private final AuthProperties properties;

    SigningKeys(AuthProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.properties = properties;
        this.keyPair = hasText(properties.signingPrivateKey())
                ? decode(properties.signingPrivateKey(), properties.signingPublicKey())
                : new TransactionTemplate(transactionManager).execute(status -> storedOrGenerated(jdbc));
        this.keyId = keyIdOf(keyPair.getPublic());
    }

    PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    String keyId() {
        return keyId;
    }

    VerificationKeys verificationKeys() {
        return new VerificationKeys(
                properties.issuer(),
                properties.audience(),
                List.of(new VerificationKeys.Key(
                        keyId,
                        ALGORITHM,
                        Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded()))));
    }

    /**
     * The stored key, else a new one stored. Instances starting together on an empty table queue on a
     * transaction-scoped advisory lock, so exactly one generates and the others read its key (a plain
     * "insert where none exists" lets two of them each see an empty table and each insert a key).
     */
    private static KeyPair storedOrGenerated(JdbcTemplate jdbc) {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {}, GENERATION_LOCK);
        List<KeyPair> stored = jdbc.query(
                "SELECT private_key, public_key FROM signing_key ORDER BY created_at DESC LIMIT 1",
                (rs, i) -> decode(rs.getBytes("private_key"), rs.getBytes("public_key")));
        if (!stored.isEmpty()) {
            return stored.get(0);
        }
        KeyPair generated = generate();
        jdbc.update(
                "INSERT INTO signing_key (key_id, algorithm, private_key, public_key, created_at) VALUES (?, ?, ?, ?, ?)",
                keyIdOf(generated.getPublic()),
                ALGORITHM,
                generated.getPrivate().getEncoded(),
                generated.getPublic().getEncoded(),
                Timestamp.from(Instant.now()));
        log.info(
                "generated a new Ed25519 signing key (set AUTH_SIGNING_PRIVATE_KEY/AUTH_SIGNING_PUBLIC_KEY to provide one)");
        return generated;
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
        }
    }

    private static KeyPair decode(String privateBase64, String publicBase64) {
        if (!hasText(publicBase64)) {
            throw new IllegalStateException("social.auth.signing-public-key must go with signing-private-key");
        }
        return decode(
                Base64.getDecoder().decode(privateBase64.strip()),
                Base64.getDecoder().decode(publicBase64.strip()));
    }

    private static KeyPair decode(byte[] pkcs8, byte[] x509) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(x509));
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the configured signing key is not an Ed25519 key pair", e);
        }
    }

    private static String keyIdOf(PublicKey key) {
        return VerificationKeys.keyIdOf(key.getEncoded());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
