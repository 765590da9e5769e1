package social.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import social.contract.ErrorCode;
import social.contract.auth.AuthRpc;
import social.contract.auth.RegisteredCredentials;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.auth.LoginRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.UserRegistered;
import social.contract.auth.VerificationKeys;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;
import social.support.testing.ServiceIntegrationTest;

/** auth-service over its real queue, database and broker. */
@ServiceIntegrationTest
class AuthServiceIT {
    @Autowired
    RpcClient rpc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    ContractMessageConverter converter;
    @Autowired
    MessagingNames names;

    @Test
    void registrationStoresAnArgon2idHashAndPublishesTheRegisteredEvent() throws Exception {
        Queue observer = new Queue(names.eventQueue("observer-" + UUID.randomUUID()), false, false, false);
        admin.declareQueue(observer);
        admin.declareBinding(BindingBuilder.bind(observer).to(new TopicExchange(names.eventsExchange())).with("user.registered"));
        String username = "it_" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredCredentials registered = call(AuthRpc.REGISTER, new RegisterCredentialsRequest(username,
                username + "@example.com", "a good password", null));

        assertThat(registered.displayName()).isEqualTo(username);
        String hash = jdbc.queryForObject("SELECT password_hash FROM credential WHERE user_id = ?", String.class,
                registered.userId());
        assertThat(hash).startsWith("$argon2id$").doesNotContain("a good password");
        UserRegistered event = (UserRegistered) converter.fromMessage(rabbit.receive(observer.getName(), 10_000));
        assertThat(event.userId()).isEqualTo(registered.userId());
        assertThat(event.username()).isEqualTo(username);
        admin.deleteQueue(observer.getName());
    }

    @Test
    void issuedAccessTokensVerifyWithThePublishedPublicKeyAndCarryIssuerAudienceAndExpiry() throws Exception {
        String username = "tok_" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredCredentials registered = call(AuthRpc.REGISTER, new RegisterCredentialsRequest(username,
                username + "@example.com", "a good password", "Tok"));
        IssuedTokens tokens = call(AuthRpc.LOGIN, new LoginRequest(username, "a good password", "127.0.0.1"));
        VerificationKeys keys = call(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest());

        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(keys.keys().get(0).x509())));
        Claims claims = Jwts.parser().verifyWith(publicKey).requireIssuer(keys.issuer()).requireAudience(keys.audience())
                .build().parseSignedClaims(tokens.accessToken()).getPayload();
        assertThat(claims.getSubject()).isEqualTo(registered.userId().toString());
        assertThat(claims.getExpiration().getTime() - claims.getIssuedAt().getTime()).isEqualTo(15 * 60 * 1000);
        assertThat(keys.keys().get(0).algorithm()).isEqualTo("EdDSA");
        assertThat(tokens.refreshToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                Integer.class, tokens.refreshToken())).isEqualTo(1);
    }

    @Test
    void failedLoginsFromOneAddressAreThrottledAcrossUsernames() {
        String address = "10.9." + (int) (Math.random() * 200) + ".1";
        for (int i = 0; i < 20; i++) {
            String unknown = "nobody_" + i;
            assertThatThrownBy(() -> call(AuthRpc.LOGIN, new LoginRequest(unknown, "wrong password", address)))
                    .hasCauseInstanceOf(RpcErrorException.class);
        }
        assertThatThrownBy(() -> call(AuthRpc.LOGIN, new LoginRequest("someone_else", "wrong password", address)))
                .cause().isInstanceOfSatisfying(RpcErrorException.class, e -> {
                    assertThat(e.reply().code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
                    assertThat(e.reply().retryAfterSeconds()).isPositive();
                });
    }

    private <Q, R> R call(social.contract.rpc.Operation<Q, R> operation, Q request) throws Exception {
        return rpc.call(operation, request).get(10, TimeUnit.SECONDS);
    }
}
