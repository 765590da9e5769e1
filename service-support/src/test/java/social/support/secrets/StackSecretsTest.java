package social.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StackSecretsTest {
    @TempDir
    Path root;

    @Test
    void eachConsumerGetsOnlyWhatItNeeds() throws IOException {
        StackSecrets.generate(root);

        assertThat(files("post-service")).containsOnlyKeys("DB_PASSWORD", "RABBIT_PASSWORD", "MANAGEMENT_TOKEN");
        assertThat(files("api-gateway")).containsOnlyKeys("RABBIT_PASSWORD", "MANAGEMENT_TOKEN");
        assertThat(files("auth-service"))
                .containsOnlyKeys(
                        "DB_PASSWORD",
                        "RABBIT_PASSWORD",
                        "MANAGEMENT_TOKEN",
                        "AUTH_SIGNING_PRIVATE_KEY",
                        "AUTH_SIGNING_PUBLIC_KEY");
        assertThat(files("postgres"))
                .containsOnlyKeys(
                        "POSTGRES_PASSWORD",
                        "AUTH_DB_PASSWORD",
                        "USERS_DB_PASSWORD",
                        "POSTS_DB_PASSWORD",
                        "FOLLOWERS_DB_PASSWORD",
                        "LIKES_DB_PASSWORD",
                        "NOTIFICATIONS_DB_PASSWORD");
        assertThat(files("rabbitmq")).containsOnlyKeys("definitions.json");
        assertThat(files("grafana")).containsOnlyKeys("admin-password");
    }

    @Test
    void everyServiceAndTheGatewayShareTheOperatorsManagementTokenKeptAcrossRuns() throws IOException {
        StackSecrets.generate(root);
        String token = files(StackSecrets.ALL).get("MANAGEMENT_TOKEN");
        assertThat(token).matches("[0-9a-f]{48}");
        for (String party : List.of(
                "api-gateway",
                "auth-service",
                "user-service",
                "post-service",
                "followers-service",
                "like-service",
                "notification-service")) {
            assertThat(files(party).get("MANAGEMENT_TOKEN")).as(party).isEqualTo(token);
        }

        StackSecrets.generate(root);
        assertThat(files("post-service").get("MANAGEMENT_TOKEN")).isEqualTo(token);
    }

    @Test
    void aServiceAndTheDatabaseAgreeOnItsRolesPassword() throws IOException {
        StackSecrets.generate(root);

        assertThat(files("post-service").get("DB_PASSWORD"))
                .isEqualTo(files("postgres").get("POSTS_DB_PASSWORD"))
                .isNotEqualTo(files("like-service").get("DB_PASSWORD"))
                .matches("[0-9a-f]{48}");
    }

    @Test
    void aSecondRunKeepsEverySecret() throws IOException {
        StackSecrets.generate(root);
        Map<String, String> first = files(StackSecrets.ALL);

        StackSecrets.generate(root);

        assertThat(files(StackSecrets.ALL)).isEqualTo(first);
        assertThat(files("auth-service").get("AUTH_SIGNING_PRIVATE_KEY"))
                .isEqualTo(first.get("AUTH_SIGNING_PRIVATE_KEY"));
    }

    @Test
    void theSigningKeysAreAMatchingEd25519Pair() throws Exception {
        StackSecrets.generate(root);
        Map<String, String> auth = files("auth-service");
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        PrivateKey privateKey = keys.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(auth.get("AUTH_SIGNING_PRIVATE_KEY"))));
        PublicKey publicKey = keys.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(auth.get("AUTH_SIGNING_PUBLIC_KEY"))));

        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update("token".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update("token".getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void theBrokerDefinitionsHoldHashesOnlyAndTheOperatorWithTheManagementTag() throws IOException {
        StackSecrets.generate(root);
        String definitions = files("rabbitmq").get("definitions.json");
        JsonNode tree = JsonMapper.builder().build().readTree(definitions);

        for (String password : files(StackSecrets.ALL).values()) {
            assertThat(definitions).doesNotContain(password);
        }
        JsonNode operator = null;
        for (JsonNode user : tree.path("users")) {
            if (user.path("name").asString().equals("operator")) {
                operator = user;
            }
        }
        assertThat(operator).isNotNull();
        assertThat(operator.path("tags").toString()).isEqualTo("[\"management\"]");
        assertThat(tree.path("vhosts").get(0).path("name").asString()).isEqualTo("social");
    }

    @Test
    void showPrintsThePeoplesLoginsButNoServicesPassword() throws IOException {
        StackSecrets.generate(root);
        Map<String, String> all = files(StackSecrets.ALL);

        List<String> people = StackSecrets.people(root);

        assertThat(String.join("\n", people))
                .contains(all.get("RABBIT_PASSWORD_OPERATOR"), all.get("RABBITMQ_ADMIN_PASSWORD"))
                .contains(all.get("GRAFANA_ADMIN_PASSWORD"))
                .contains(all.get("MANAGEMENT_TOKEN"))
                .doesNotContain(all.get("RABBIT_PASSWORD_POST_SERVICE"), all.get("POSTS_DB_PASSWORD"));
    }

    private Map<String, String> files(String consumer) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(root.resolve(consumer))) {
            for (Path file : listing.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
