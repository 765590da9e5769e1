package social.auth.login;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import social.auth.AuthProperties;

/**
 * Counts failed logins per username and per client address in a fixed window; once either
 * reaches its limit, logins for it are refused until the window ends. Kept in the database so
 * that every auth-service instance counts the same failures.
 */
@Component
class LoginThrottle {
    private final JdbcTemplate jdbc;
    private final AuthProperties.LoginThrottle limits;

    LoginThrottle(JdbcTemplate jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.limits = properties.loginThrottle();
    }

    /** How long the caller must wait, or {@link Duration#ZERO} if the login may be tried. */
    Duration retryAfter(String username, String address, Instant now) {
        Duration user = blockedFor(userKey(username), limits.maxFailuresPerUsername(), now);
        Duration client =
                address == null ? Duration.ZERO : blockedFor(addressKey(address), limits.maxFailuresPerAddress(), now);
        return user.compareTo(client) >= 0 ? user : client;
    }

    void recordFailure(String username, String address, Instant now) {
        increment(userKey(username), now);
        if (address != null) {
            increment(addressKey(address), now);
        }
    }

    void recordSuccess(String username) {
        jdbc.update("DELETE FROM login_failure WHERE throttle_key = ?", userKey(username));
    }

    private Duration blockedFor(String key, int maxFailures, Instant now) {
        List<Instant> windowStarts = jdbc.query(
                "SELECT window_start FROM login_failure WHERE throttle_key = ? AND failures >= ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(),
                key,
                maxFailures);
        if (windowStarts.isEmpty()) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(now, windowStarts.get(0).plus(limits.window()));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private void increment(String key, Instant now) {
        Timestamp windowStart = Timestamp.from(now);
        Timestamp windowOpenSince = Timestamp.from(now.minus(limits.window()));
        jdbc.update("""
                INSERT INTO login_failure (throttle_key, failures, window_start) VALUES (?, 1, ?)
                ON CONFLICT (throttle_key) DO UPDATE SET
                  failures = CASE WHEN login_failure.window_start > ? THEN login_failure.failures + 1 ELSE 1 END,
                  window_start = CASE WHEN login_failure.window_start > ? THEN login_failure.window_start ELSE EXCLUDED.window_start END
                """, key, windowStart, windowOpenSince, windowOpenSince);
    }

    private static String userKey(String username) {
        return "user:" + String.valueOf(username).toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
