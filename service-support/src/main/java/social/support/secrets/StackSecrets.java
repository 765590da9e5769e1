package social.support.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import social.support.messaging.BrokerDefinitions;
import social.support.messaging.BrokerPermissions;
import social.support.messaging.Senders;

/**
 * The secrets of a docker compose stack, generated inside compose by its one-shot service {@code secrets}
 * (docker-compose.yml, docs/running.md): no JDK, Maven or script on the host.
 *
 * <p>{@code <root>/all/} keeps every secret, one file each, generated once and kept on later runs: the
 * Postgres superuser's and each service role's password, each broker user's (the parties', the operator's,
 * the administrator's), auth-service's Ed25519 signing key pair, Grafana's admin password and the operator's
 * token for the actuators ({@code MANAGEMENT_TOKEN}, docs/security.md "Management endpoints"). Every run then
 * writes each consumer's directory ({@code <root>/<consumer>/}, a volume of its own that only that
 * container mounts) with what it needs and nothing else:
 *
 * <ul>
 *   <li>a service: {@code DB_PASSWORD} (its role's), {@code RABBIT_PASSWORD} (its broker user's),
 *       {@code MANAGEMENT_TOKEN} (the same for all seven: one operator), and for
 *       auth-service {@code AUTH_SIGNING_PRIVATE_KEY} and {@code AUTH_SIGNING_PUBLIC_KEY}: read as a Spring
 *       config tree ({@code SPRING_CONFIG_IMPORT=configtree:...}), so the names are the variables' names;
 *   <li>{@code postgres}: {@code POSTGRES_PASSWORD} and each role's {@code <SCHEMA>_DB_PASSWORD}, for the
 *       image's entrypoint and deploy/postgres/init.sh;
 *   <li>{@code rabbitmq}: {@code definitions.json} ({@link BrokerDefinitions}: salted hashes only);
 *   <li>{@code grafana}: {@code admin-password}.
 * </ul>
 *
 * <p>Usage: {@code StackSecrets generate [root]} (idempotent), {@code StackSecrets show [root]} (prints the
 * people's logins: the operator's, with the management token, and the administrators'); the root defaults to
 * {@code /secrets}.
 */
public final class StackSecrets {
    /** The broker's virtual host in compose (docker-compose.yml's RABBIT_VHOST). */
    static final String VHOST = "social";

    static final String RABBITMQ_ADMIN = "admin";
    /** Where the one-shot service mounts the volumes (docker-compose.yml). */
    static final String DEFAULT_ROOT = "/secrets";

    static final String ALL = "all";
    /** The operator's token for every service's actuator (social.management.token). */
    static final String MANAGEMENT_TOKEN = "MANAGEMENT_TOKEN";
    /** The schema (and so the database role {@code <schema>_svc}) of each service; the gateway has none. */
    static final Map<String, String> SCHEMAS = schemas();

    private static final SecureRandom RANDOM = new SecureRandom();

    private StackSecrets() {}

    private static Map<String, String> schemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("auth-service", "auth");
        schemas.put("user-service", "users");
        schemas.put("post-service", "posts");
        schemas.put("followers-service", "followers");
        schemas.put("like-service", "likes");
        schemas.put("notification-service", "notifications");
        return schemas;
    }

    static String databasePasswordName(String schema) {
        return schema.toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
    }

    /** Generates what {@code root/all} lacks, then (re)writes every consumer's directory. */
    public static void generate(Path root) throws IOException {
        Path all = root.resolve(ALL);
        Files.createDirectories(all);
        ensure(all, "POSTGRES_PASSWORD", randomPassword());
        for (String schema : SCHEMAS.values()) {
            ensure(all, databasePasswordName(schema), randomPassword());
        }
        for (BrokerPermissions.Grant user : BrokerPermissions.users("")) {
            ensure(all, BrokerDefinitions.passwordVariable(user.party()), randomPassword());
        }
        ensure(all, "RABBITMQ_ADMIN_PASSWORD", randomPassword());
        ensure(all, "GRAFANA_ADMIN_PASSWORD", randomPassword());
        ensure(all, MANAGEMENT_TOKEN, randomPassword());
        if (!Files.exists(all.resolve("AUTH_SIGNING_PRIVATE_KEY"))
                || !Files.exists(all.resolve("AUTH_SIGNING_PUBLIC_KEY"))) {
            KeyPair pair = signingKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            write(
                    all,
                    "AUTH_SIGNING_PUBLIC_KEY",
                    base64.encodeToString(pair.getPublic().getEncoded()));
            write(
                    all,
                    "AUTH_SIGNING_PRIVATE_KEY",
                    base64.encodeToString(pair.getPrivate().getEncoded()));
        }

        for (String party : Senders.parties()) {
            Path dir = root.resolve(party);
            write(dir, "RABBIT_PASSWORD", read(all, BrokerDefinitions.passwordVariable(party)));
            write(dir, MANAGEMENT_TOKEN, read(all, MANAGEMENT_TOKEN));
            String schema = SCHEMAS.get(party);
            if (schema != null) {
                write(dir, "DB_PASSWORD", read(all, databasePasswordName(schema)));
            }
        }
        Path auth = root.resolve("auth-service");
        write(auth, "AUTH_SIGNING_PRIVATE_KEY", read(all, "AUTH_SIGNING_PRIVATE_KEY"));
        write(auth, "AUTH_SIGNING_PUBLIC_KEY", read(all, "AUTH_SIGNING_PUBLIC_KEY"));

        Path postgres = root.resolve("postgres");
        write(postgres, "POSTGRES_PASSWORD", read(all, "POSTGRES_PASSWORD"));
        for (String schema : SCHEMAS.values()) {
            write(postgres, databasePasswordName(schema), read(all, databasePasswordName(schema)));
        }

        write(
                root.resolve("rabbitmq"),
                "definitions.json",
                BrokerDefinitions.json(VHOST, "", RABBITMQ_ADMIN, name -> readOrNull(all, name)));
        write(root.resolve("grafana"), "admin-password", read(all, "GRAFANA_ADMIN_PASSWORD"));
    }

    /** What the people who run the stack log in with (never printed by {@link #generate}). */
    public static List<String> people(Path root) throws IOException {
        Path all = root.resolve(ALL);
        return List.of(
                "RabbitMQ management UI  http://localhost:15672",
                "  operator       user " + BrokerPermissions.OPERATOR + "  password "
                        + read(all, BrokerDefinitions.passwordVariable(BrokerPermissions.OPERATOR)),
                "  administrator  user " + RABBITMQ_ADMIN + "  password " + read(all, "RABBITMQ_ADMIN_PASSWORD"),
                "Grafana                 http://localhost:3000",
                "  administrator  user admin  password " + read(all, "GRAFANA_ADMIN_PASSWORD"),
                "Actuators (inside the compose network; health and prometheus need none)",
                "  operator       Authorization: Bearer " + read(all, MANAGEMENT_TOKEN));
    }

    private static void ensure(Path dir, String name, String value) throws IOException {
        if (!Files.exists(dir.resolve(name))) {
            write(dir, name, value);
        }
    }

    /**
     * Writes through a temporary file and a rename: a reader never sees half a secret. Readable by every
     * user of the one container that mounts the directory (the images run as different uids).
     */
    private static void write(Path dir, String name, String value) throws IOException {
        Files.createDirectories(dir);
        Path temporary = dir.resolve("." + name + ".tmp");
        Files.writeString(temporary, value, StandardCharsets.UTF_8);
        Files.move(temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String read(Path dir, String name) throws IOException {
        String value =
                Files.readString(dir.resolve(name), StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException(dir.resolve(name) + " is empty");
        }
        return value;
    }

    private static String readOrNull(Path dir, String name) {
        try {
            return Files.exists(dir.resolve(name)) ? read(dir, name) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex: safe in a URL, a shell word, a psql variable and a YAML scalar alike. */
    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static KeyPair signingKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2 || !List.of("generate", "show").contains(args[0])) {
            System.err.println("usage: StackSecrets generate|show [directory, default " + DEFAULT_ROOT + "]");
            System.exit(2);
        }
        Path root = Path.of(args.length > 1 ? args[1] : DEFAULT_ROOT);
        if (args[0].equals("generate")) {
            generate(root);
            System.out.println("secrets ready in " + root + " (docker compose run --rm --no-deps secrets show"
                    + " prints the people's logins)");
        } else {
            people(root).forEach(System.out::println);
        }
    }
}
