package social.support.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.ConnectionFactory;

import social.support.messaging.BrokerPermissions;
import social.support.messaging.BrokerPermissions.Grant;

/**
 * A virtual host of a test's own with one broker user per party (the gateway and each service) and the
 * operator, random passwords, the least rights and the tags of {@link BrokerPermissions}, as
 * {@code scripts/run-local.sh} and docker compose create them for a stack. Deleted again by {@link #close()}.
 */
public final class BrokerUsers implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String vhost;
    private final String prefix;
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final List<String> extraUsers = new ArrayList<>();

    private BrokerUsers(String vhost, String prefix) {
        this.vhost = vhost;
        this.prefix = prefix;
    }

    /** Creates the virtual host and the users of every party and the operator, named under {@code prefix}. */
    public static BrokerUsers create(String vhost, String prefix) {
        BrokerUsers users = new BrokerUsers(vhost, prefix);
        TestInfrastructure.rabbitmqctl("add_vhost", vhost);
        try {
            for (Grant grant : BrokerPermissions.users(prefix)) {
                String password = randomPassword();
                TestInfrastructure.rabbitmqctl("add_user", grant.user(), password);
                if (!grant.tags().isEmpty()) {
                    TestInfrastructure.rabbitmqctl("set_user_tags", grant.user(), grant.tags());
                }
                users.grants.put(grant.party(), grant);
                users.passwords.put(grant.party(), password);
                TestInfrastructure.rabbitmqctl(
                        "set_permissions", "-p", vhost, grant.user(), grant.configure(), grant.write(), grant.read());
                TestInfrastructure.rabbitmqctl(
                        "set_topic_permissions",
                        "-p",
                        vhost,
                        grant.user(),
                        grant.eventsExchange(),
                        grant.topicWrite(),
                        grant.topicRead());
            }
        } catch (RuntimeException e) {
            users.close();
            throw e;
        }
        return users;
    }

    /** A further user of this test with no rights on any virtual host; returns its password. */
    public String addUserWithoutGrants(String user) {
        String password = randomPassword();
        TestInfrastructure.rabbitmqctl("add_user", user, password);
        extraUsers.add(user);
        return password;
    }

    public String vhost() {
        return vhost;
    }

    public String prefix() {
        return prefix;
    }

    public String user(String party) {
        return grant(party).user();
    }

    public String password(String party) {
        grant(party);
        return passwords.get(party);
    }

    public Grant grant(String party) {
        Grant grant = grants.get(party);
        if (grant == null) {
            throw new IllegalArgumentException("no broker user for " + party);
        }
        return grant;
    }

    /** Connects to this test's virtual host as {@code party}. */
    public ConnectionFactory connectionFactory(String party) {
        return connectionFactory(user(party), passwords.get(party));
    }

    /** Connects to this test's virtual host as any user. */
    public ConnectionFactory connectionFactory(String user, String password) {
        Map<String, String> infrastructure = TestInfrastructure.start();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(infrastructure.get("RABBIT_HOST"));
        factory.setPort(Integer.parseInt(infrastructure.get("RABBIT_PORT")));
        factory.setVirtualHost(vhost);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** Deletes the virtual host (and with it everything declared in it) and every user created here. */
    @Override
    public void close() {
        for (Grant grant : grants.values()) {
            deleteQuietly("delete_user", grant.user());
        }
        for (String user : extraUsers) {
            deleteQuietly("delete_user", user);
        }
        deleteQuietly("delete_vhost", vhost);
    }

    private static void deleteQuietly(String command, String name) {
        try {
            TestInfrastructure.rabbitmqctl(command, name);
        } catch (RuntimeException e) {
            System.err.println("could not " + command + " " + name + ": " + e.getMessage());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // hex: a password starting with '-' would read as an option of rabbitmqctl
        return HexFormat.of().formatHex(bytes);
    }
}
