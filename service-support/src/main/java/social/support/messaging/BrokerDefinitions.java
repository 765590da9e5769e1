package social.support.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A RabbitMQ definitions file (loaded by the broker at boot, {@code load_definitions}) with the
 * stack's virtual host, one user per party and the operator with the rights of {@link BrokerPermissions},
 * and an administrator for the management UI that has no rights on the stack's virtual host. Passwords are
 * stored as RabbitMQ's salted SHA-256 hashes, never in clear. Used by docker compose's one-shot service
 * ({@code StackSecrets}) and by {@code scripts/broker-users.sh} for Kubernetes.
 */
public final class BrokerDefinitions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrokerDefinitions() {}

    /**
     * The environment variable holding a party's password, e.g. {@code RABBIT_PASSWORD_POST_SERVICE}.
     */
    public static String passwordVariable(String party) {
        return "RABBIT_PASSWORD_" + party.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param passwords a party's password by {@link #passwordVariable}, and the administrator's by
     *                  {@code RABBITMQ_ADMIN_PASSWORD}
     */
    public static String json(String vhost, String prefix, String admin, Function<String, String> passwords) {
        List<String> users = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        List<String> topicPermissions = new ArrayList<>();
        users.add(user(admin, required(passwords, "RABBITMQ_ADMIN_PASSWORD"), "administrator"));
        for (BrokerPermissions.Grant grant : BrokerPermissions.users(prefix)) {
            users.add(user(grant.user(), required(passwords, passwordVariable(grant.party())), grant.tags()));
            permissions.add(object(Map.of(
                    "user", grant.user(),
                    "vhost", vhost,
                    "configure", grant.configure(),
                    "write", grant.write(),
                    "read", grant.read())));
            topicPermissions.add(object(Map.of(
                    "user", grant.user(),
                    "vhost", vhost,
                    "exchange", grant.eventsExchange(),
                    "write", grant.topicWrite(),
                    "read", grant.topicRead())));
        }
        return "{\n  \"users\": [\n    " + String.join(",\n    ", users) + "\n  ],\n"
                + "  \"vhosts\": [{\"name\": " + quote(vhost) + "}],\n"
                + "  \"permissions\": [\n    " + String.join(",\n    ", permissions) + "\n  ],\n"
                + "  \"topic_permissions\": [\n    " + String.join(",\n    ", topicPermissions) + "\n  ]\n}\n";
    }

    /** RabbitMQ's {@code rabbit_password_hashing_sha256}: base64(salt ++ sha256(salt ++ password)), 4 salt bytes. */
    static String passwordHash(String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            byte[] hash = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] salted = new byte[salt.length + hash.length];
            System.arraycopy(salt, 0, salted, 0, salt.length);
            System.arraycopy(hash, 0, salted, salt.length, hash.length);
            return Base64.getEncoder().encodeToString(salted);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String user(String name, String password, String tag) {
        return "{\"name\": " + quote(name) + ", \"password_hash\": " + quote(passwordHash(password))
                + ", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": "
                + (tag.isEmpty() ? "[]" : "[" + quote(tag) + "]") + "}";
    }

    private static String object(Map<String, String> fields) {
        List<String> members = new ArrayList<>();
        for (String key : List.of("user", "vhost", "exchange", "configure", "write", "read")) {
            if (fields.containsKey(key)) {
                members.add(quote(key) + ": " + quote(fields.get(key)));
            }
        }
        return "{" + String.join(", ", members) + "}";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String required(Function<String, String> passwords, String variable) {
        String password = passwords.apply(variable);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set");
        }
        return password;
    }

    /**
     * Prints the definitions: {@code BrokerDefinitions <vhost> <admin user> [prefix]}, passwords from
     * the environment ({@link #passwordVariable}, {@code RABBITMQ_ADMIN_PASSWORD}).
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: BrokerDefinitions <vhost> <admin user> [prefix]");
            System.exit(2);
        }
        System.out.print(json(args[0], args.length > 2 ? args[2] : "", args[1], System::getenv));
    }
}
