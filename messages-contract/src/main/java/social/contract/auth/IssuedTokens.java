package social.contract.auth;

import social.contract.MessageType;

/** @param expiresIn lifetime of the access token in seconds */
@MessageType("auth.tokens-reply")
public record IssuedTokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    @Override
    public String toString() {
        return "IssuedTokens[expiresIn=" + expiresIn + "]";
    }
}
