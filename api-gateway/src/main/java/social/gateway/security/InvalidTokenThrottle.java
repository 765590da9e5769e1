package social.gateway.security;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

import social.gateway.GatewayProperties;

/**
 * An allowance of invalid access tokens per client address. Checking a signature is the costliest
 * step of a request, and a request with an invalid token ends before the per-caller rate limit
 * (it has no caller): without this, a flood of garbage tokens would cost one signature check each.
 * An address that used up its allowance is answered 429 before its next unknown token is looked
 * at; tokens already verified (cached by the verifier) still pass, so a shared address is not
 * locked out of a session it already has.
 */
final class InvalidTokenThrottle {
    private final long burst;
    private final long perMinute;
    private final Cache<String, Bucket> byAddress;

    InvalidTokenThrottle(GatewayProperties.RateLimit limits) {
        this.burst = Math.max(1, limits.invalidTokenBurst());
        this.perMinute = Math.max(1, limits.invalidTokensPerMinute());
        this.byAddress = Caffeine.newBuilder()
                .maximumSize(limits.maxTrackedCallers())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** Seconds to wait when the address has no allowance left; empty while it has. */
    OptionalLong refusal(String address) {
        Bucket bucket = byAddress.getIfPresent(address);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
    }

    /** The address presented an invalid token: one less allowed. */
    void invalidTokenFrom(String address) {
        byAddress
                .get(
                        address,
                        ignored -> Bucket.builder()
                                .addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
                                .build())
                .tryConsume(1);
    }
}
