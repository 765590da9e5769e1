package social.auth.limits;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import social.auth.AuthProperties;
import social.auth.limits.AttemptCounter.Count;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.support.error.ServiceException;
import social.support.net.ClientAddress;

/**
 * Limits password checks per (account, address group) and per address group: a login's, and the password
 * asked again to delete an account or change it (otherwise a stolen access token could guess the password
 * there unthrottled). Nothing counts per account alone: failures from one address never stop the right
 * password from another, so nobody can lock a user out. Each attempt is counted before the password is
 * checked, by one atomic increment, so a burst of concurrent guesses gets no more checks than the limit;
 * a right password takes its attempt back and clears its (account, address) count.
 */
@Component
public class PasswordThrottle {
    private final AttemptCounter counter;
    private final HashingBudget hashing;
    private final AuthProperties.LoginThrottle limits;

    PasswordThrottle(AttemptCounter counter, HashingBudget hashing, AuthProperties properties) {
        this.counter = counter;
        this.hashing = hashing;
        this.limits = properties.loginThrottle();
    }

    /** Whose password is checked: a login names a username, a password asked again names the account. */
    public record Subject(String key) {
        public static Subject username(String username) {
            return new Subject(username.toLowerCase(Locale.ROOT));
        }

        public static Subject account(UUID userId) {
            return new Subject("account:" + userId);
        }
    }

    /**
     * Counts an attempt at {@code subject}'s password from {@code address}, then runs {@code check} through
     * the address's hashing budget: its answer, empty for a wrong password. Over a limit it is not run and
     * the answer is {@code TOO_MANY_FAILED_LOGINS} with the seconds to wait.
     */
    public <T> Optional<T> check(Subject subject, String address, Supplier<Optional<T>> check) {
        Instant now = Instant.now();
        String group = ClientAddress.groupOf(address);
        Count fromAddress = counter.add(addressKey(group), limits.window(), now);
        Count forSubject = counter.add(subjectKey(subject, group), limits.window(), now);
        Optional<Long> wait = forSubject.exceeds(limits.maxFailuresPerUsernameAndAddress())
                ? Optional.of(forSubject.retryAfter(now))
                : fromAddress.exceeds(limits.maxFailuresPerAddress())
                        ? Optional.of(fromAddress.retryAfter(now))
                        : Optional.empty();
        if (wait.isPresent()) {
            throw new ServiceException(new ErrorReply(
                    ErrorCode.TOO_MANY_FAILED_LOGINS,
                    "too many failed password checks, try again later",
                    null,
                    wait.get()));
        }
        Optional<T> answer;
        try {
            answer = hashing.spend(address, check);
        } catch (ServiceException overBudget) {
            // not checked (no budget for it): the attempt does not count
            counter.takeBack(subjectKey(subject, group));
            counter.takeBack(addressKey(group));
            throw overBudget;
        }
        if (answer.isPresent()) {
            // the right password: it was no failure
            counter.forget(subjectKey(subject, group));
            counter.takeBack(addressKey(group));
        }
        return answer;
    }

    /** {@link #check} for a password asked again: whether {@code opens} says it opens {@code userId}'s account. */
    public boolean confirms(UUID userId, String address, BooleanSupplier opens) {
        return check(
                        Subject.account(userId),
                        address,
                        () -> opens.getAsBoolean() ? Optional.of(true) : Optional.empty())
                .isPresent();
    }

    private static String addressKey(String group) {
        return "login:" + group;
    }

    private static String subjectKey(Subject subject, String group) {
        // "login:" as before this throttle covered more than logins: counts in flight keep their keys
        return "login:" + subject.key() + "@" + group;
    }
}
