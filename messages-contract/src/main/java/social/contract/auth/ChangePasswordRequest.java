package social.contract.auth;

import java.util.UUID;

import social.contract.MessageType;

/**
 * The caller changes their password: every other login of the account ends (each with its
 * {@link LoginEnded}), the caller's own login ({@code loginId}) stays.
 *
 * @param callerId        the authenticated user, set by the gateway from the access token
 * @param loginId         the login of the caller's access token (its {@code sid}); null for a token
 *                        that names none, and then every login of the account ends
 * @param currentPassword the password now, asked again
 * @param newPassword     the password from now on: the rules of registration, and not the current one
 * @param clientAddress   the caller's address as the gateway saw it, for the hashing budget
 */
@MessageType("auth.change-password")
public record ChangePasswordRequest(
        UUID callerId, UUID loginId, String currentPassword, String newPassword, String clientAddress) {
    @Override
    public String toString() {
        return "ChangePasswordRequest[callerId=" + callerId + ", loginId=" + loginId + ", clientAddress="
                + clientAddress + "]";
    }
}
