package social.auth.token;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

import social.auth.AuthProperties;

/**
 * Signs short-lived access tokens: EdDSA, with issuer, audience, expiry, a token id and the login
 * ({@code sid}, the refresh token family) they belong to, so that ending a login can name them.
 */
@Component
class AccessTokens {
    private final SigningKeys keys;
    private final AuthProperties properties;

    AccessTokens(SigningKeys keys, AuthProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    static final String LOGIN_CLAIM = "sid";

    String issue(UUID userId, String username, UUID loginId) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .keyId(keys.keyId())
                .and()
                .id(UUID.randomUUID().toString())
                .subject(userId.toString())
                .claim("preferred_username", username)
                .claim(LOGIN_CLAIM, loginId.toString())
                .issuer(properties.issuer())
                .audience()
                .add(properties.audience())
                .and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .signWith(keys.privateKey(), Jwts.SIG.EdDSA)
                .compact();
    }

    long lifetimeSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}
