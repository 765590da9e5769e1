package social.contract.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import social.contract.MessageType;

/**
 * The access denials still live ({@link ListAccessDenialsRequest}), as of {@code asOf} (auth-service's
 * clock): every access token they name, issued up to {@code deniedAt}, is to be refused.
 */
@MessageType("auth.access-denials")
public record AccessDenials(Instant asOf, List<Denial> denials) {

    public AccessDenials {
        denials = denials == null ? List.of() : List.copyOf(denials);
    }

    /**
     * @param loginId the login that ended ({@link LoginEnded}); null: the account was deleted
     *                ({@link UserDeleted}), every login of {@code userId}
     */
    public record Denial(UUID userId, UUID loginId, Instant deniedAt) {}
}
