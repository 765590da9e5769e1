package social.auth.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import social.auth.AuthProperties;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.support.error.ServiceException;
import social.support.net.ClientAddress;

/**
 * Bounds what password hashing may cost (each Argon2id hash takes ~19 MiB and tens of
 * milliseconds of a core): per address group a token bucket, so one client cannot keep the CPU
 * busy (429), and for this instance a limit of hashes at once, so that a crowd cannot either
 * (503 after a short wait; another instance, or a retry, may have room).
 */
@Component
public class HashingBudget {
    // buckets of clients not seen for a while are full again and need not be kept
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final AuthProperties.Hashing limits;
    private final Semaphore running;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    HashingBudget(AuthProperties properties) {
        this.limits = properties.hashing();
        this.running = new Semaphore(limits.concurrency(), true);
    }

    /** Runs {@code hashing} for a client at {@code address} if the budget allows it. */
    public <T> T spend(String address, Supplier<T> hashing) {
        long nanos = System.nanoTime();
        if (buckets.size() > MAX_TRACKED_ADDRESSES) {
            buckets.values().removeIf(bucket -> bucket.isFull(nanos));
        }
        Bucket bucket = buckets.computeIfAbsent(ClientAddress.groupOf(address), key -> new Bucket(limits, nanos));
        long waitSeconds = bucket.take(nanos);
        if (waitSeconds > 0) {
            throw new ServiceException(new ErrorReply(
                    ErrorCode.TOO_MANY_REQUESTS,
                    "too many password checks from your address, try again later",
                    null,
                    waitSeconds));
        }
        boolean admitted;
        try {
            admitted = running.tryAcquire(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new ServiceException(new ErrorReply(
                    ErrorCode.UNAVAILABLE, "too many password checks at once, try again shortly", null, 1L));
        }
        try {
            return hashing.get();
        } finally {
            running.release();
        }
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updatedAt;

        Bucket(AuthProperties.Hashing limits, long now) {
            this.capacity = limits.perAddressBurst();
            this.perNano = limits.perAddressPerMinute()
                    / (double) Duration.ofMinutes(1).toNanos();
            this.tokens = capacity;
            this.updatedAt = now;
        }

        /** Takes a token: 0 if there was one, else whole seconds until there will be. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
        }
    }
}
