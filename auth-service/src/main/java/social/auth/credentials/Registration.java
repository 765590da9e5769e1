package social.auth.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import social.auth.AuthProperties;
import social.auth.limits.AttemptCounter;
import social.auth.limits.AttemptCounter.Count;
import social.auth.limits.HashingBudget;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.contract.auth.UserRegistered;
import social.support.error.ServiceException;
import social.support.error.Validation;
import social.support.id.Ids;
import social.support.net.ClientAddress;
import social.support.outbox.EventOutbox;
import social.support.text.TextRules;

/** Creates an account: credentials here, and a {@code user.registered} event for everyone else. */
@Service
class Registration {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,30}");
    static final int MAX_REQUEST_KEY = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private final CredentialRepository credentials;
    private final Passwords passwords;
    private final EventOutbox outbox;
    private final TransactionTemplate transactions;
    private final AttemptCounter attempts;
    private final HashingBudget hashing;
    private final AuthProperties.Registration limits;

    Registration(
            CredentialRepository credentials,
            Passwords passwords,
            EventOutbox outbox,
            TransactionTemplate transactions,
            AttemptCounter attempts,
            HashingBudget hashing,
            AuthProperties properties) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.outbox = outbox;
        this.transactions = transactions;
        this.attempts = attempts;
        this.hashing = hashing;
        this.limits = properties.registration();
    }

    RegisteredCredentials register(RegisterCredentialsRequest request) {
        String displayName = TextRules.normalized(
                request.displayName() == null
                        ? request.username()
                        : request.displayName().strip());
        Validation validation = Validation.start()
                .requireMatch(
                        request.username(), USERNAME, "username", "must be 3 to 30 letters, digits or underscores")
                .require(
                        request.email() != null
                                && request.email().length() <= 254
                                && EMAIL.matcher(request.email()).matches(),
                        "email",
                        "must be a valid email address")
                .requireCleanText(request.email(), "email");
        Passwords.requireAllowed(validation, request.password(), "password")
                .requireText(displayName, "displayName", 1, 50)
                .require(
                        request.requestKey() == null || request.requestKey().length() <= MAX_REQUEST_KEY,
                        "requestKey",
                        "must be at most " + MAX_REQUEST_KEY + " characters")
                .orThrow();
        Optional<Credential> existing = credentials.findByUsernameIgnoringCase(request.username());
        if (existing.isPresent() && existing.get().madeBy(request.requestKey())) {
            // this very request, delivered again after its first delivery committed: answer what that made
            return new RegisteredCredentials(
                    existing.get().userId(), existing.get().username(), displayName);
        }
        // counted before saying whether a name or an email is taken: asking which emails have accounts is
        // an attempt like any other
        Instant attemptedAt = Instant.now();
        Count fromAddress = attempts.add(
                "register:" + ClientAddress.groupOf(request.clientAddress()), Duration.ofHours(1), attemptedAt);
        if (fromAddress.exceeds(limits.maxPerAddressPerHour())) {
            throw new ServiceException(new ErrorReply(
                    ErrorCode.TOO_MANY_REQUESTS,
                    "too many registrations from your address, try again later",
                    null,
                    fromAddress.retryAfter(attemptedAt)));
        }
        if (existing.isPresent() || credentials.usernameTaken(request.username())) {
            // usernameTaken: also by an account deleted but not yet erased everywhere
            throw new ServiceException(ErrorCode.USERNAME_TAKEN, "username is taken");
        }
        if (credentials.emailTaken(request.email())) {
            throw new ServiceException(ErrorCode.EMAIL_TAKEN, "email is taken");
        }
        // hashing is slow on purpose: do it before the transaction, not inside it
        String hash = hashing.spend(request.clientAddress(), () -> passwords.hash(request.password()));
        UUID userId = Ids.newId();
        Instant now = Instant.now();
        try {
            transactions.executeWithoutResult(status -> {
                credentials.saveAndFlush(
                        new Credential(userId, request.username(), request.email(), hash, now, request.requestKey()));
                outbox.publish(new UserRegistered(Ids.newId(), now, 1, userId, request.username(), displayName));
            });
        } catch (DataIntegrityViolationException e) {
            // a concurrent registration won the race for the name or the address: which one, the client is told
            throw credentials.usernameTaken(request.username())
                    ? new ServiceException(ErrorCode.USERNAME_TAKEN, "username is taken")
                    : new ServiceException(ErrorCode.EMAIL_TAKEN, "email is taken");
        }
        return new RegisteredCredentials(userId, request.username(), displayName);
    }
}
