package social.auth.login;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import social.auth.AuthProperties;
import social.auth.limits.AttemptCounter;
import social.auth.limits.AttemptCounter.Count;
import social.auth.limits.ClientAddress;

/**
 * Limits login attempts per (username, address group) and per address group. Nothing counts per
 * username alone: failures from one address never stop the right password from another, so
 * nobody can lock a user out. Each attempt is counted before the password is checked, by one
 * atomic increment, so a burst of concurrent guesses gets no more checks than the limit; a
 * successful login takes its attempt back and clears its (username, address) count.
 */
@Component
class LoginThrottle {
    private final AttemptCounter counter;
    private final AuthProperties.LoginThrottle limits;

    LoginThrottle(AttemptCounter counter, AuthProperties properties) {
        this.counter = counter;
        this.limits = properties.loginThrottle();
    }

    /** Counts an attempt; the seconds to wait if it is over a limit, else empty. */
    Optional<Long> admit(String username, String address, Instant now) {
        String group = ClientAddress.groupOf(address);
        Count fromAddress = counter.add(addressKey(group), limits.window(), now);
        Count forUser = counter.add(userAtAddressKey(username, group), limits.window(), now);
        if (forUser.exceeds(limits.maxFailuresPerUsernameAndAddress())) {
            return Optional.of(forUser.retryAfter(now));
        }
        if (fromAddress.exceeds(limits.maxFailuresPerAddress())) {
            return Optional.of(fromAddress.retryAfter(now));
        }
        return Optional.empty();
    }

    /** The attempt was the right password: it was no failure. */
    void succeeded(String username, String address) {
        String group = ClientAddress.groupOf(address);
        counter.forget(userAtAddressKey(username, group));
        counter.takeBack(addressKey(group));
    }

    /** The password was not checked (no budget for it): the attempt does not count. */
    void notChecked(String username, String address) {
        String group = ClientAddress.groupOf(address);
        counter.takeBack(userAtAddressKey(username, group));
        counter.takeBack(addressKey(group));
    }

    private static String addressKey(String group) {
        return "login:" + group;
    }

    private static String userAtAddressKey(String username, String group) {
        return "login:" + username.toLowerCase(Locale.ROOT) + "@" + group;
    }
}
