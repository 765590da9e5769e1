package social.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import social.auth.credentials.Accounts;
import social.auth.credentials.Accounts.Account;
import social.auth.token.TokenRotation;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.support.error.ServiceException;

/** Checks a username and password, throttled, and starts a login (a new refresh-token family). */
@Service
class Login {
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final TokenRotation tokens;

    Login(Accounts accounts, LoginThrottle throttle, TokenRotation tokens) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    IssuedTokens login(LoginRequest request) {
        if (request.username() == null || request.password() == null) {
            throw ServiceException.unauthorized("invalid username or password");
        }
        Instant now = Instant.now();
        Duration wait = throttle.retryAfter(request.username(), request.clientAddress(), now);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            throw new ServiceException(new ErrorReply(
                    ErrorCode.TOO_MANY_REQUESTS, "too many failed logins, try again later", null, seconds));
        }
        Optional<Account> account = accounts.verify(request.username(), request.password());
        if (account.isEmpty()) {
            throttle.recordFailure(request.username(), request.clientAddress(), now);
            // the same answer for an unknown user and a wrong password
            throw ServiceException.unauthorized("invalid username or password");
        }
        throttle.recordSuccess(request.username());
        return tokens.issueForLogin(account.get().userId(), account.get().username());
    }
}
