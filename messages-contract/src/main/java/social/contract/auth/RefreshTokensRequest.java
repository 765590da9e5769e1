package social.contract.auth;

import social.contract.MessageType;

@MessageType("auth.refresh")
public record RefreshTokensRequest(String refreshToken) {
    @Override
    public String toString() {
        return "RefreshTokensRequest[***]";
    }
}
