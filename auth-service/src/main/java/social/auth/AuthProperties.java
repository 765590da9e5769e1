package social.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingPrivateKey     base64 PKCS#8 of an Ed25519 private key; empty: generated on first start
 * @param signingPublicKey      base64 X.509 of its public key
 * @param refreshFamilyLifetime how long a login lasts at most, however often its refresh token rotated
 * @param refreshRetryGrace     how long after a rotation the rotated refresh token, presented again,
 *                              still answers the same successor (a client retrying a refresh whose
 *                              reply it lost) instead of counting as reuse; 0 turns this off
 * @param streamTickets         the single-use tickets that open a notification stream
 */
@ConfigurationProperties("social.auth")
public record AuthProperties(
        @DefaultValue("social-auth") String issuer,
        @DefaultValue("social-api") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration refreshFamilyLifetime,
        @DefaultValue("30s") Duration refreshRetryGrace,
        String signingPrivateKey,
        String signingPublicKey,
        @DefaultValue LoginThrottle loginThrottle,
        @DefaultValue Hashing hashing,
        @DefaultValue Registration registration,
        @DefaultValue Purge purge,
        @DefaultValue StreamTickets streamTickets,
        @DefaultValue Refresh refresh) {

    /**
     * Failed logins counted per (username, address group) and per address group; a username alone
     * is never locked, so nobody can lock a user out from elsewhere.
     */
    public record LoginThrottle(
            @DefaultValue("15m") Duration window,
            @DefaultValue("5") int maxFailuresPerUsernameAndAddress,
            @DefaultValue("20") int maxFailuresPerAddress) {}

    /**
     * What password hashing (Argon2id, 19 MiB each) may cost: per address group a token bucket of
     * {@code perAddressBurst} hashes refilled at {@code perAddressPerMinute}; for the instance at
     * most {@code maxConcurrent} at once (0: one per processor), waiting up to {@code queueWait}
     * for a turn.
     */
    public record Hashing(
            @DefaultValue("30") int perAddressBurst,
            @DefaultValue("30") int perAddressPerMinute,
            @DefaultValue("0") int maxConcurrent,
            @DefaultValue("2s") Duration queueWait) {

        public int concurrency() {
            return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param lifetime   how long a stream ticket stays good for its one use
     * @param maxPerUser unused tickets a user holds at once; one more drops the oldest
     */
    public record StreamTickets(
            @DefaultValue("30s") Duration lifetime,
            @DefaultValue("10") int maxPerUser) {}

    public record Registration(@DefaultValue("10") int maxPerAddressPerHour) {}

    /**
     * @param maxPerLoginPerHour     rotations one login may make in an hour (a client refreshes about every 15
     *                               minutes); beyond, 429 and the token stays unused
     * @param rotatedTokenRetention how long a rotated token of a live login is kept: presented again within it,
     *                               the login ends (reuse detection); later it is refused as unknown
     */
    public record Refresh(
            @DefaultValue("30") int maxPerLoginPerHour,
            @DefaultValue("7d") Duration rotatedTokenRetention) {}

    /**
     * @param refreshTokenRetention how long expired or revoked refresh tokens are kept (to tell a
     *                              reuse from a stranger's guess in the log) before they are purged
     */
    public record Purge(
            @DefaultValue("1h") Duration interval,
            @DefaultValue("7d") Duration refreshTokenRetention) {}
}
