package social.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import social.auth.credentials.Credential;
import social.auth.credentials.CredentialRepository;
import social.auth.credentials.Passwords;
import social.auth.token.TokenRotation;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.LoginRequest;
import social.contract.auth.IssuedTokens;
import social.support.error.ServiceException;

/** Checks a username and password, throttled, and starts a login (a new refresh-token family). */
@Service
public class Login {
    private final CredentialRepository credentials;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final TokenRotation tokens;

    Login(CredentialRepository credentials, Passwords passwords, LoginThrottle throttle, TokenRotation tokens) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    public IssuedTokens login(LoginRequest request) {
        if (request.username() == null || request.password() == null) {
            throw ServiceException.unauthorized("invalid username or password");
        }
        Instant now = Instant.now();
        Duration wait = throttle.retryAfter(request.username(), request.clientAddress(), now);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            throw new ServiceException(new ErrorReply(ErrorCode.TOO_MANY_REQUESTS,
                    "too many failed logins, try again later", null, seconds));
        }
        Optional<Credential> credential = credentials.findByUsernameIgnoringCase(request.username());
        boolean valid;
        if (credential.isPresent()) {
            valid = passwords.matches(request.password(), credential.get().passwordHash());
        } else {
            passwords.spendDecoyVerification(request.password());
            valid = false;
        }
        if (!valid) {
            throttle.recordFailure(request.username(), request.clientAddress(), now);
            // the same answer for an unknown user and a wrong password
            throw ServiceException.unauthorized("invalid username or password");
        }
        throttle.recordSuccess(request.username());
        return tokens.issueForLogin(credential.get().userId(), credential.get().username());
    }
}
