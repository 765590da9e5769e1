package social.auth.erasure;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import social.auth.credentials.Accounts;
import social.auth.denial.AccessDenialLog;
import social.auth.limits.PasswordThrottle;
import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.auth.DeleteAccountRequest;
import social.contract.auth.UserDeleted;
import social.support.error.ServiceException;
import social.support.error.Validation;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * The owner deletes their account: the password is asked again (throttled and through the hashing budget, like a
 * login), then in one transaction the credential is marked deleted (logins treat it as unknown),
 * every refresh token and stream ticket of the account goes, the erasure is recorded, and
 * {@code user.deleted} goes out through the outbox to every service and gateway.
 */
@Service
class AccountDeletion {
    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);
    private static final int EVENT_VERSION = 1;
    // 128 code points of up to two UTF-16 units each
    private static final int MAX_PASSWORD_LENGTH = 256;

    private final Accounts accounts;
    private final PasswordThrottle throttle;
    private final TransactionTemplate transactions;
    private final JdbcClient db;
    private final EventOutbox outbox;
    private final AccessDenialLog denials;

    AccountDeletion(
            Accounts accounts,
            PasswordThrottle throttle,
            TransactionTemplate transactions,
            JdbcClient db,
            EventOutbox outbox,
            AccessDenialLog denials) {
        this.denials = denials;
        this.accounts = accounts;
        this.throttle = throttle;
        this.transactions = transactions;
        this.db = db;
        this.outbox = outbox;
    }

    Acknowledged delete(DeleteAccountRequest request) {
        if (request.password() == null || request.password().isEmpty()) {
            throw ServiceException.invalid("password", "must not be empty");
        }
        Validation.start().requireCleanPassword(request.password(), "password").orThrow();
        if (request.callerId() == null
                || request.password().length() > MAX_PASSWORD_LENGTH
                // slow on purpose: checked before the transaction, not inside it
                || !throttle.confirms(
                        request.callerId(),
                        request.clientAddress(),
                        () -> accounts.opens(request.callerId(), request.password()))) {
            throw new ServiceException(ErrorCode.INVALID_CREDENTIALS, "wrong password");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean deleted = Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<String> username = accounts.markDeleted(request.callerId(), now);
            if (username.isEmpty()) {
                return false; // a concurrent deletion of the same account won
            }
            db.sql("DELETE FROM refresh_token WHERE user_id = ?")
                    .params(request.callerId())
                    .update();
            db.sql("DELETE FROM stream_ticket WHERE user_id = ?")
                    .params(request.callerId())
                    .update();
            db.sql("INSERT INTO erasure (user_id, requested_at) VALUES (?, ?)")
                    .params(request.callerId(), Timestamp.from(now))
                    .update();
            outbox.publish(new UserDeleted(
                    Ids.newId(),
                    now,
                    EVENT_VERSION,
                    request.callerId(),
                    username.get().toLowerCase(Locale.ROOT),
                    now));
            denials.accountDeleted(request.callerId(), now);
            return true;
        }));
        if (!deleted) {
            throw ServiceException.unauthorized("the account is deleted already");
        }
        log.info("account {} deleted by its owner: erasure started", request.callerId());
        return Acknowledged.INSTANCE;
    }
}
