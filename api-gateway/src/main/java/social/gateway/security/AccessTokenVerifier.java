package social.gateway.security;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import social.contract.auth.AuthRpc;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.auth.VerificationKeys;
import social.support.rpc.RpcClient;

/**
 * Verifies access tokens with auth-service's public keys only: pinned by configuration
 * ({@link PinnedTokenKeys}), or else fetched over RabbitMQ from auth-service (a reply from any other
 * broker user is ignored by the {@link RpcClient}) and cached.
 * The algorithm is pinned to EdDSA, issuer and audience must match, expiry is enforced, and an
 * unsigned ({@code alg: none}) token never parses. A token of a login that ended (logout) is
 * refused from the moment this instance hears of it ({@link LoggedOutLogins}).
 */
@Component
// here, not only by the application's scan: web slice tests build this component without the scan
@EnableConfigurationProperties(PinnedTokenKeys.class)
public class AccessTokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(AccessTokenVerifier.class);
    private static final String PINNED_ALGORITHM = "EdDSA";
    /** An unknown key id refetches the keys at most this often (a flood of forged kids costs nothing). */
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

    private static final long CLOCK_SKEW_SECONDS = 30;
    /** The login (refresh token family) an access token belongs to; ending it ends the token. */
    private static final String LOGIN_CLAIM = "sid";

    private final RpcClient rpc;
    private final LoggedOutLogins loggedOut;
    /** How long a failed fetch is answered from memory. */
    private static final Duration FAILURE_MEMORY = Duration.ofSeconds(3);

    private final ReentrantLock fetching = new ReentrantLock();
    private volatile KeySet keySet = new KeySet(null, null, Map.of(), Instant.EPOCH);
    private volatile Exception lastFailure;
    private volatile Instant lastFailureAt = Instant.EPOCH;

    private final boolean pinned;

    AccessTokenVerifier(RpcClient rpc, PinnedTokenKeys pinnedKeys, LoggedOutLogins loggedOut) {
        this.rpc = rpc;
        this.loggedOut = loggedOut;
        this.pinned = pinnedKeys.pinned();
        if (pinned) {
            Map<String, PublicKey> keys = new HashMap<>();
            for (String x509 : pinnedKeys.publicKeys()) {
                try {
                    keys.put(keyIdOf(x509), decode(x509));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new IllegalStateException("a configured token verification key is not an Ed25519 key", e);
                }
            }
            keySet = new KeySet(pinnedKeys.issuer(), pinnedKeys.audience(), Map.copyOf(keys), Instant.now());
        }
    }

    /** The key id auth-service gives a key ({@link VerificationKeys#keyIdOf}), from its base64 X.509 form. */
    static String keyIdOf(String x509) {
        return VerificationKeys.keyIdOf(Base64.getDecoder().decode(x509));
    }

    /**
     * Tokens that passed every check, until they expire: an Ed25519 verification is the costliest
     * step of a request (most of the gateway's CPU under load), and the same token string verified
     * under the same key set gives the same answer until its expiry, which is still checked on every
     * use. A new key set (a refetch) starts an empty cache. Bounded: cleared when full.
     */
    private static final int VERIFIED_CACHE_SIZE = 20_000;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(AuthenticatedUser user, Instant issuedAt, Instant validUntil, KeySet keys) {}

    /** The caller a token speaks for; throws {@link InvalidTokenException} for anything else. */
    public AuthenticatedUser verify(String token) {
        KeySet keys = currentKeys();
        Verified known = verified.get(token);
        if (known != null) {
            if (loggedOut.refuses(known.user().id(), known.user().loginId(), known.issuedAt())) {
                throw new InvalidTokenException("the login of this access token has ended");
            }
            if (known.keys() == keySet && Instant.now().isBefore(known.validUntil())) {
                return known.user();
            }
            verified.remove(token);
        }
        return verifySignedToken(token, keys);
    }

    /** Whether the token passed every check before and is still unexpired (no signature check now). */
    boolean alreadyVerified(String token) {
        Verified known = verified.get(token);
        return known != null && known.keys() == keySet && Instant.now().isBefore(known.validUntil());
    }

    private AuthenticatedUser verifySignedToken(String token, KeySet keys) {
        try {
            Claims claims = Jwts.parser()
                    .keyLocator(new LocatorAdapter<Key>() {
                        @Override
                        protected Key locate(JwsHeader header) {
                            if (!PINNED_ALGORITHM.equals(header.getAlgorithm())) {
                                throw new InvalidTokenException("unexpected signing algorithm");
                            }
                            return keyFor(header.getKeyId());
                        }
                    })
                    .requireIssuer(keys.issuer())
                    .requireAudience(keys.audience())
                    .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            if (claims.getExpiration() == null) {
                throw new InvalidTokenException("the token has no expiry");
            }
            String login = claims.get(LOGIN_CLAIM, String.class);
            AuthenticatedUser user = new AuthenticatedUser(
                    UUID.fromString(claims.getSubject()),
                    claims.get("preferred_username", String.class),
                    claims.getExpiration().toInstant(),
                    login == null ? null : UUID.fromString(login));
            Instant issuedAt =
                    claims.getIssuedAt() == null ? null : claims.getIssuedAt().toInstant();
            if (loggedOut.refuses(user.id(), user.loginId(), issuedAt)) {
                throw new InvalidTokenException("the login of this access token has ended");
            }
            if (verified.size() >= VERIFIED_CACHE_SIZE) {
                verified.clear();
            }
            // the same instant jjwt enforces: expiry plus the allowed clock skew
            verified.put(
                    token,
                    new Verified(
                            user,
                            issuedAt,
                            claims.getExpiration().toInstant().plusSeconds(CLOCK_SKEW_SECONDS),
                            keySet));
            return user;
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("the access token is invalid or expired");
        }
    }

    private PublicKey keyFor(String keyId) {
        if (keyId == null) {
            // never worth a refetch (and the key map takes no null key: that was a 500)
            throw new InvalidTokenException("the token names no signing key");
        }
        PublicKey key = keySet.keys().get(keyId);
        if (key == null && !pinned && Instant.now().isAfter(keySet.fetchedAt().plus(REFETCH_INTERVAL))) {
            key = fetch().keys().get(keyId);
        }
        if (key == null) {
            throw new InvalidTokenException("unknown signing key");
        }
        return key;
    }

    private KeySet currentKeys() {
        KeySet keys = keySet;
        return keys.issuer() != null ? keys : fetch();
    }

    /**
     * Fetches the keys once for all threads that need them at the same time (a lock, not
     * {@code synchronized}: virtual threads must not pin their carrier while waiting); a failure
     * is remembered briefly, so an unreachable auth-service costs one wait, not one per request.
     */
    private KeySet fetch() {
        Instant asked = Instant.now();
        fetching.lock();
        try {
            if (keySet.fetchedAt().isAfter(asked)) {
                return keySet; // another thread fetched while this one waited
            }
            if (lastFailure != null && asked.isBefore(lastFailureAt.plus(FAILURE_MEMORY))) {
                throw new KeysUnavailableException(lastFailure);
            }
            VerificationKeys fetched = rpc.callAndWait(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest());
            Map<String, PublicKey> keys = new HashMap<>();
            for (VerificationKeys.Key key : fetched.keys()) {
                if (PINNED_ALGORITHM.equals(key.algorithm())) {
                    keys.put(key.keyId(), decode(key.x509()));
                }
            }
            keySet = new KeySet(fetched.issuer(), fetched.audience(), Map.copyOf(keys), Instant.now());
            lastFailure = null;
            return keySet;
        } catch (KeysUnavailableException e) {
            throw e;
        } catch (RuntimeException | GeneralSecurityException e) {
            log.warn("cannot fetch token verification keys from auth-service: {}", e.toString());
            lastFailure = e;
            lastFailureAt = Instant.now();
            throw new KeysUnavailableException(e);
        } finally {
            fetching.unlock();
        }
    }

    private static PublicKey decode(String x509) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509)));
    }

    private record KeySet(String issuer, String audience, Map<String, PublicKey> keys, Instant fetchedAt) {}

    /** The token is not one auth-service issued, or no longer valid. */
    public static class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    /** The keys could not be had from auth-service: tokens cannot be judged right now. */
    public static class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(Throwable cause) {
            super("token verification keys are unavailable", cause);
        }
    }
}
