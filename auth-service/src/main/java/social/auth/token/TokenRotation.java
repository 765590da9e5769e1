package social.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import social.auth.AuthProperties;
import social.auth.credentials.Accounts;
import social.auth.denial.AccessDenialLog;
import social.auth.limits.AttemptCounter;
import social.auth.limits.AttemptCounter.Count;
import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginEnded;
import social.contract.auth.LogoutRequest;
import social.contract.auth.RefreshTokensRequest;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * Issues token pairs and rotates refresh tokens: each is random, stored hashed, and good for one
 * use. Presenting one that was already rotated means it leaked: the whole login is revoked, unless
 * it is a retry of the rotation within the grace window ({@code refresh-retry-grace}).
 */
@Service
public class TokenRotation {
    private static final Logger log = LoggerFactory.getLogger(TokenRotation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository refreshTokens;
    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final AuthProperties properties;
    private final TransactionTemplate transactions;
    private final EventOutbox outbox;
    private final AttemptCounter rotations;
    private final AccessDenialLog denials;

    TokenRotation(
            RefreshTokenRepository refreshTokens,
            Accounts accounts,
            AccessTokens accessTokens,
            AuthProperties properties,
            TransactionTemplate transactions,
            EventOutbox outbox,
            AttemptCounter rotations,
            AccessDenialLog denials) {
        this.denials = denials;
        this.rotations = rotations;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** A new login: a new token family. */
    public IssuedTokens issueForLogin(UUID userId, String username) {
        return transactions.execute(status -> {
            // a login whose password was checked just before the account was deleted gets no token
            requireLive(userId, ErrorCode.INVALID_CREDENTIALS, "invalid username or password");
            return issue(userId, username, Ids.newId(), Instant.now()).tokens();
        });
    }

    IssuedTokens refresh(RefreshTokensRequest request) {
        Instant now = Instant.now();
        String presented = request.refreshToken();
        Optional<IssuedTokens> rotated = transactions.execute(status -> {
            Optional<RefreshToken> found = refreshTokens.findForUpdate(hash(presented));
            if (found.isEmpty()) {
                return Optional.<IssuedTokens>empty();
            }
            RefreshToken token = found.get();
            if (token.used()) {
                Optional<IssuedTokens> retried = retryOfRotation(token, presented, now);
                if (retried.isPresent()) {
                    return retried;
                }
                int revoked = endLogin(token, now);
                log.warn(
                        "rotated refresh token of user {} presented again: revoked {} tokens of its login",
                        token.userId(),
                        revoked);
                return Optional.<IssuedTokens>empty();
            }
            // however often it rotated, a login ends at its absolute lifetime
            if (!token.usableAt(now) || !now.isBefore(familyEnd(token.familyStartedAt()))) {
                return Optional.<IssuedTokens>empty();
            }
            requireLive(token.userId(), ErrorCode.INVALID_REFRESH_TOKEN, "refresh token is not valid");
            // each rotation keeps a row for reuse detection: one login cannot make them without a bound
            Count thisHour = rotations.add("refresh:" + token.familyId(), Duration.ofHours(1), now);
            if (thisHour.exceeds(properties.refresh().maxPerLoginPerHour())) {
                // thrown inside the transaction: the token stays unused, and the count is not raised
                throw new ServiceException(new ErrorReply(
                        ErrorCode.TOO_MANY_REQUESTS,
                        "too many refreshes of this login, try again later",
                        null,
                        thisHour.retryAfter(now)));
            }
            String username = accounts.usernameOf(token.userId());
            Issued successor = issue(token.userId(), username, token.familyId(), token.familyStartedAt());
            byte[] sealed = properties.refreshRetryGrace().compareTo(Duration.ZERO) > 0
                    ? SuccessorSeal.seal(
                            presented, token.id(), successor.tokens().refreshToken())
                    : null;
            token.markRotated(now, successor.id(), sealed);
            return Optional.of(successor.tokens());
        });
        // refused only after the transaction committed, so a reuse's revocation sticks
        return rotated.orElseThrow(
                () -> new ServiceException(ErrorCode.INVALID_REFRESH_TOKEN, "refresh token is not valid"));
    }

    /**
     * A rotated token presented again within the grace window, while its successor is still unused
     * and the login live, is the client retrying a refresh whose reply it lost: it gets the same
     * successor again (opened with the token it presents) and a fresh access token. Anything else
     * (the window passed, or the successor was already used, so someone did get the reply) is reuse.
     */
    private Optional<IssuedTokens> retryOfRotation(RefreshToken token, String presented, Instant now) {
        if (!token.rotatedWithin(properties.refreshRetryGrace(), now)
                || !now.isBefore(familyEnd(token.familyStartedAt()))) {
            return Optional.empty();
        }
        Optional<RefreshToken> successor =
                refreshTokens.findByIdForUpdate(token.successorId()).filter(next -> next.usableAt(now));
        if (successor.isEmpty()) {
            return Optional.empty();
        }
        return SuccessorSeal.open(presented, token.id(), token.successorSealed())
                .map(successorToken -> {
                    log.info(
                            "refresh of user {} retried within the grace window: answered its successor again",
                            token.userId());
                    String username = accounts.usernameOf(token.userId());
                    return new IssuedTokens(
                            accessTokens.issue(token.userId(), username, token.familyId()),
                            successorToken,
                            "Bearer",
                            accessTokens.lifetimeSeconds());
                });
    }

    Acknowledged logout(LogoutRequest request) {
        transactions.executeWithoutResult(status -> refreshTokens
                .findForUpdate(hash(request.refreshToken()))
                .filter(token -> token.userId().equals(request.callerId()))
                .ifPresent(token -> endLogin(token, Instant.now())));
        return Acknowledged.INSTANCE;
    }

    /** Purges the tokens of logins that ended (expired or revoked) longer than the retention ago. */
    int purgeEndedFamilies() {
        Instant before = Instant.now().minus(properties.purge().refreshTokenRetention());
        return transactions.execute(status -> refreshTokens.deleteFamiliesOverBefore(before));
    }

    /** Purges the rotated tokens of live logins once reuse detection no longer keeps them. */
    int purgeRotatedTokens() {
        Instant before = Instant.now().minus(properties.refresh().rotatedTokenRetention());
        return transactions.execute(status -> refreshTokens.deleteRotatedBefore(before));
    }

    /** Forgets the successors kept sealed for a retry once their grace window is over. */
    int forgetSealedSuccessors() {
        Instant before = Instant.now().minus(properties.refreshRetryGrace());
        return transactions.execute(status -> refreshTokens.forgetSuccessorsRotatedBefore(before));
    }

    private Instant familyEnd(Instant familyStartedAt) {
        return familyStartedAt.plus(properties.refreshFamilyLifetime());
    }

    /**
     * Revokes every refresh token of the login and tells the gateways (through the outbox, in the
     * same transaction) to refuse its access tokens issued so far, which would otherwise stay
     * valid until they expire.
     */
    private int endLogin(RefreshToken token, Instant now) {
        int revoked = refreshTokens.revokeFamily(token.familyId(), now);
        outbox.publish(new LoginEnded(Ids.newId(), now, 1, token.userId(), token.familyId(), now));
        denials.loginEnded(token.userId(), token.familyId(), now);
        return revoked;
    }

    /** A token pair just issued, and the id of its refresh token's row. */
    private record Issued(IssuedTokens tokens, UUID id) {}

    /** Refuses, with {@code code}, to issue tokens to an account that is deleted (held live until the transaction ends). */
    private void requireLive(UUID userId, ErrorCode code, String message) {
        if (!accounts.holdLive(userId)) {
            throw new ServiceException(code, message);
        }
    }

    /** A new token pair of the login {@code familyId}; the caller made sure the account is live. */
    private Issued issue(UUID userId, String username, UUID familyId, Instant familyStartedAt) {
        Instant now = Instant.now();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(properties.refreshTokenTtl());
        if (familyEnd(familyStartedAt).isBefore(expiresAt)) {
            expiresAt = familyEnd(familyStartedAt);
        }
        UUID id = Ids.newId();
        refreshTokens.save(new RefreshToken(id, hash(refreshToken), familyId, familyStartedAt, userId, now, expiresAt));
        return new Issued(
                new IssuedTokens(
                        accessTokens.issue(userId, username, familyId),
                        refreshToken,
                        "Bearer",
                        accessTokens.lifetimeSeconds()),
                id);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(token).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
