package social.auth.credentials;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import social.auth.denial.AccessDenialLog;
import social.auth.limits.HashingBudget;
import social.auth.limits.PasswordThrottle;
import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.auth.ChangePasswordRequest;
import social.contract.auth.LoginEnded;
import social.support.error.ServiceException;
import social.support.error.Validation;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * The owner changes their password: the new one is checked against the rules of registration, the
 * current one is asked again (throttled and through the hashing budget, like a login), then in one transaction
 * the new hash is stored and every other login of the account ends: its refresh tokens are revoked,
 * its unused stream tickets go, and an {@code auth.login-ended} per login goes out through the
 * outbox, which every gateway adds to its deny list (as for a logout). The caller's own login stays.
 */
@Service
class PasswordChange {
    private static final Logger log = LoggerFactory.getLogger(PasswordChange.class);
    private static final int EVENT_VERSION = 1;
    // 128 code points of up to two UTF-16 units each
    private static final int MAX_PASSWORD_LENGTH = 256;

    private final Accounts accounts;
    private final Passwords passwords;
    private final HashingBudget hashing;
    private final PasswordThrottle throttle;
    private final TransactionTemplate transactions;
    private final JdbcClient db;
    private final EventOutbox outbox;
    private final AccessDenialLog denials;

    PasswordChange(
            Accounts accounts,
            Passwords passwords,
            HashingBudget hashing,
            PasswordThrottle throttle,
            TransactionTemplate transactions,
            JdbcClient db,
            EventOutbox outbox,
            AccessDenialLog denials) {
        this.denials = denials;
        this.accounts = accounts;
        this.passwords = passwords;
        this.hashing = hashing;
        this.throttle = throttle;
        this.transactions = transactions;
        this.db = db;
        this.outbox = outbox;
    }

    Acknowledged change(ChangePasswordRequest request) {
        Validation validation = Validation.start()
                .require(
                        request.currentPassword() != null
                                && !request.currentPassword().isEmpty(),
                        "currentPassword",
                        "must not be empty")
                .requireCleanPassword(request.currentPassword(), "currentPassword");
        Passwords.requireAllowed(validation, request.newPassword(), "newPassword")
                .orThrow();
        if (request.callerId() == null
                || request.currentPassword() == null
                || request.currentPassword().length() > MAX_PASSWORD_LENGTH
                // slow on purpose: checked before the transaction, not inside it
                || !throttle.confirms(
                        request.callerId(),
                        request.clientAddress(),
                        () -> accounts.opens(request.callerId(), request.currentPassword()))) {
            throw new ServiceException(ErrorCode.INVALID_CREDENTIALS, "wrong current password");
        }
        if (request.newPassword().equals(request.currentPassword())) {
            throw ServiceException.invalid("newPassword", "must differ from the current password");
        }
        String hash = hashing.spend(request.clientAddress(), () -> passwords.hash(request.newPassword()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Integer ended = transactions.execute(status -> {
            int changed = db.sql("UPDATE credential SET password_hash = ? WHERE user_id = ? AND deleted_at IS NULL")
                    .params(hash, request.callerId())
                    .update();
            if (changed == 0) {
                // deleted since its password was checked
                throw ServiceException.unauthorized("the account is deleted");
            }
            return endOtherLogins(request.callerId(), request.loginId(), now);
        });
        log.info("user {} changed their password: {} other logins ended", request.callerId(), ended);
        return Acknowledged.INSTANCE;
    }

    /**
     * Revokes the refresh tokens of every login of the user but {@code keptLoginId} and tells the
     * gateways, per login that still had a usable token, to refuse its access tokens issued so far.
     */
    private int endOtherLogins(UUID userId, UUID keptLoginId, Instant now) {
        Set<UUID> live = new LinkedHashSet<>(db
                .sql("""
                        UPDATE refresh_token SET revoked_at = :now, successor_sealed = NULL
                        WHERE user_id = :user AND revoked_at IS NULL
                          AND family_id IS DISTINCT FROM CAST(:kept AS uuid)
                        RETURNING family_id, expires_at > :now AS usable""")
                .param("now", Timestamp.from(now))
                .param("user", userId)
                .param("kept", keptLoginId)
                .query((rs, i) -> rs.getBoolean("usable") ? rs.getObject("family_id", UUID.class) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList());
        db.sql("DELETE FROM stream_ticket WHERE user_id = ? AND login_id IS DISTINCT FROM CAST(? AS uuid)")
                .params(userId, keptLoginId)
                .update();
        for (UUID loginId : live) {
            outbox.publish(new LoginEnded(Ids.newId(), now, EVENT_VERSION, userId, loginId, now));
            denials.loginEnded(userId, loginId, now);
        }
        return live.size();
    }
}
