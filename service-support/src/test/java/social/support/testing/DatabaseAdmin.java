package social.support.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the tests do as the database admin: create this run's database and, per schema, the login
 * role that owns it (as {@code deploy/postgres/init.sh} does in docker compose); drop all of it at
 * exit. Role names carry the run id because roles are shared by every database of the server.
 */
final class DatabaseAdmin {
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,30}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private final String port;
    private final String database;
    private final String user;
    private final String password;
    private final String runId;
    private final Map<String, DatabaseRole> roles = new LinkedHashMap<>();

    DatabaseAdmin(Map<String, String> settings, String user, String password, String runId) {
        this.host = settings.get("DB_HOST");
        this.port = settings.get("DB_PORT");
        this.database = settings.get("DB_NAME");
        this.user = user;
        this.password = password;
        this.runId = runId;
    }

    void createDatabase() {
        try (Connection connection = connectTo("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "drop-test-database"));
        try (Connection connection = connect("public");
                Statement statement = connection.createStatement()) {
            // as in docker compose: only the service roles may connect, nobody uses the public schema
            statement.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock down test database " + database + ": " + e.getMessage(), e);
        }
    }

    /** The role owning {@code schema}, created with the schema on first use. */
    synchronized DatabaseRole serviceRole(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        DatabaseRole known = roles.get(schema);
        if (known != null) {
            return known;
        }
        DatabaseRole role = new DatabaseRole("social_test_" + runId + "_" + schema, randomPassword());
        try (Connection connection = connect("public");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + role.user() + " LOGIN PASSWORD '" + role.password() + "'");
            roles.put(schema, role);
            statement.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role.user());
            statement.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + role.user());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create the test role of schema " + schema + ": " + e.getMessage(), e);
        }
        return role;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + schema, user, password);
    }

    private Connection connectTo(String otherDatabase) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + otherDatabase, user, password);
    }

    private synchronized void dropAll() {
        try (Connection connection = connectTo("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            // the roles own nothing outside the dropped database
            for (DatabaseRole role : roles.values()) {
                statement.execute("DROP ROLE IF EXISTS " + role.user());
            }
        } catch (SQLException e) {
            System.err.println("could not drop test database " + database + " or its roles: " + e.getMessage());
        }
    }
}
