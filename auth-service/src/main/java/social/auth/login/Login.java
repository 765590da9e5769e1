package social.auth.login;

import java.util.Optional;

import org.springframework.stereotype.Service;

import social.auth.credentials.Accounts;
import social.auth.credentials.Accounts.Account;
import social.auth.limits.PasswordThrottle;
import social.auth.limits.PasswordThrottle.Subject;
import social.auth.token.TokenRotation;
import social.contract.ErrorCode;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.support.error.ServiceException;
import social.support.error.Validation;

/** Checks a username and password, throttled, and starts a login (a new refresh-token family). */
@Service
class Login {
    private static final int MAX_USERNAME_LENGTH = 64;
    // 128 code points of up to two UTF-16 units each
    private static final int MAX_PASSWORD_LENGTH = 256;

    private final Accounts accounts;
    private final PasswordThrottle throttle;
    private final TokenRotation tokens;

    Login(Accounts accounts, PasswordThrottle throttle, TokenRotation tokens) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    IssuedTokens login(LoginRequest request) {
        // checked before anything reaches the database (PostgreSQL refuses NUL in text)
        Validation.start()
                .requireCleanText(request.username(), "username")
                .requireCleanPassword(request.password(), "password")
                .orThrow();
        if (request.username() == null
                || request.password() == null
                // longer than any account's: refused without costing a hash or a count
                || request.username().length() > MAX_USERNAME_LENGTH
                || request.password().length() > MAX_PASSWORD_LENGTH) {
            throw new ServiceException(ErrorCode.INVALID_CREDENTIALS, "invalid username or password");
        }
        Optional<Account> account = throttle.check(
                Subject.username(request.username()),
                request.clientAddress(),
                () -> accounts.verify(request.username(), request.password()));
        if (account.isEmpty()) {
            // the same answer for an unknown user and a wrong password
            throw new ServiceException(ErrorCode.INVALID_CREDENTIALS, "invalid username or password");
        }
        return tokens.issueForLogin(account.get().userId(), account.get().username());
    }
}
