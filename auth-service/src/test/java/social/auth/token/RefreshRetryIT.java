package social.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.ErrorCode;
import social.contract.auth.AuthRpc;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.contract.auth.LogoutRequest;
import social.contract.auth.RefreshTokensRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.VerificationKeys;
import social.support.purge.PeriodicPurge;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * A refresh whose reply was lost: the client presents the same (now rotated) token again. Within
 * the grace window it gets the successor it missed; otherwise a rotated token presented again is
 * reuse, and the whole login is revoked.
 */
@ServiceIntegrationTest
class RefreshRetryIT {
    private static final String PASSWORD = "a good password";

    private static final String ROW_OF = "token_hash = sha256(convert_to(?, 'UTF8'))";

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("sealedSuccessorPurge")
    PeriodicPurge sealedSuccessorPurge;

    @Test
    void aRefreshRetriedAfterALostReplyGetsTheSameSuccessor() {
        IssuedTokens login = login();
        IssuedTokens lost = refresh(login.refreshToken());

        IssuedTokens retried = refresh(login.refreshToken());

        assertThat(retried.refreshToken()).isEqualTo(lost.refreshToken());
        assertThat(retried.accessToken()).isNotEqualTo(lost.accessToken());
        assertThat(loginOf(retried.accessToken())).isEqualTo(loginOf(login.accessToken()));
        // the login lives on: the successor rotates as usual
        IssuedTokens next = refresh(retried.refreshToken());
        assertThat(next.refreshToken()).isNotEqualTo(retried.refreshToken());
        assertThat(refresh(next.refreshToken()).refreshToken()).isNotBlank();
    }

    @Test
    void concurrentRetriesOfOneRefreshAllGetTheSameSuccessor() {
        IssuedTokens login = login();
        List<CompletableFuture<IssuedTokens>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(rpc.send(AuthRpc.REFRESH, new RefreshTokensRequest(login.refreshToken())));
        }

        List<String> successors =
                inFlight.stream().map(answer -> answer.join().refreshToken()).toList();
        assertThat(successors).hasSize(5).containsOnly(successors.get(0));
        assertThat(refresh(successors.get(0)).refreshToken()).isNotBlank();
    }

    @Test
    void aRotatedTokenPresentedAfterTheGraceWindowIsReuseAndRevokesTheLogin() {
        IssuedTokens login = login();
        IssuedTokens rotated = refresh(login.refreshToken());
        jdbc.update(
                "UPDATE refresh_token SET used_at = ? WHERE " + ROW_OF,
                Timestamp.from(Instant.now().minus(Duration.ofSeconds(31))),
                login.refreshToken());

        assertThat(refusal(login.refreshToken())).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(refusal(rotated.refreshToken())).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
    }

    @Test
    void aRotatedTokenPresentedAfterItsSuccessorWasUsedIsReuseAndRevokesTheLogin() {
        IssuedTokens login = login();
        IssuedTokens rotated = refresh(login.refreshToken());
        IssuedTokens rotatedAgain = refresh(rotated.refreshToken());

        // whoever presents it now is not the client that lost the reply: that one got it and used it
        assertThat(refusal(login.refreshToken())).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(refusal(rotatedAgain.refreshToken())).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(sealedSuccessorsInFamilyOf(login.refreshToken())).isZero();
    }

    @Test
    void aRotatedTokenPresentedAfterLogoutGetsNothing() {
        IssuedTokens login = login();
        IssuedTokens rotated = refresh(login.refreshToken());
        rpc.call(AuthRpc.LOGOUT, new LogoutRequest(userOf(login.refreshToken()), rotated.refreshToken()));

        assertThat(refusal(login.refreshToken())).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(sealedSuccessorsInFamilyOf(login.refreshToken())).isZero();
    }

    @Test
    void theSuccessorIsKeptOnlySealedAndOnlyForTheGraceWindow() {
        IssuedTokens login = login();
        IssuedTokens rotated = refresh(login.refreshToken());

        byte[] sealed = jdbc.queryForObject(
                "SELECT successor_sealed FROM refresh_token WHERE " + ROW_OF, byte[].class, login.refreshToken());
        assertThat(sealed).isNotEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_token WHERE position(convert_to(?, 'UTF8') IN successor_sealed) > 0",
                        Integer.class,
                        rotated.refreshToken()))
                .isZero();

        sealedSuccessorPurge.runOnce();
        assertThat(sealedSuccessorsInFamilyOf(login.refreshToken())).isEqualTo(1);
        jdbc.update(
                "UPDATE refresh_token SET used_at = ? WHERE " + ROW_OF,
                Timestamp.from(Instant.now().minus(Duration.ofSeconds(31))),
                login.refreshToken());
        sealedSuccessorPurge.runOnce();
        assertThat(sealedSuccessorsInFamilyOf(login.refreshToken())).isZero();
    }

    private int sealedSuccessorsInFamilyOf(String refreshToken) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM refresh_token WHERE successor_sealed IS NOT NULL AND family_id ="
                        + " (SELECT family_id FROM refresh_token WHERE " + ROW_OF + ")",
                Integer.class,
                refreshToken);
    }

    private UUID userOf(String refreshToken) {
        return jdbc.queryForObject("SELECT user_id FROM refresh_token WHERE " + ROW_OF, UUID.class, refreshToken);
    }

    private ErrorCode refusal(String refreshToken) {
        return rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(refreshToken))
                .code();
    }

    private IssuedTokens refresh(String refreshToken) {
        return rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(refreshToken));
    }

    private String loginOf(String accessToken) {
        VerificationKeys keys = rpc.call(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest());
        try {
            PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(
                            Base64.getDecoder().decode(keys.keys().get(0).x509())));
            return Jwts.parser()
                    .verifyWith(publicKey)
                    .build()
                    .parseSignedClaims(accessToken)
                    .getPayload()
                    .get(AccessTokens.LOGIN_CLAIM, String.class);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private IssuedTokens login() {
        String username = "rr_" + UUID.randomUUID().toString().substring(0, 8);
        String address = freshIpv4();
        rpc.call(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(username, username + "@example.com", PASSWORD, null, address, null));
        return rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, address));
    }

    private static String freshIpv4() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
