package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.support.testing.TestInfrastructure;

/**
 * Each running service logs in to Postgres as its own role, which may touch its own schema and
 * nothing else; their actuator ports and the API description are not open to the network.
 */
class DatabaseIdentityE2EIT {
    private static final String PERMISSION_DENIED = "42501";
    /** One table of each schema, as migrated by its service. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    @BeforeAll
    static void stack() throws SQLException {
        Api.ofStack().get("/actuator/health");
        for (String schema : Stack.DATABASE_SCHEMAS.values()) {
            try (Connection admin = TestInfrastructure.adminConnection(schema);
                    ResultSet table = admin.createStatement()
                            .executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema
                                    + "' AND tablename <> 'flyway_schema_history' ORDER BY tablename LIMIT 1")) {
                assertThat(table.next()).as("a table in %s", schema).isTrue();
                TABLES.put(schema, schema + "." + table.getString(1));
            }
        }
    }

    @Test
    void eachServiceRoleReadsItsOwnSchemaButNoOtherOne() throws SQLException {
        for (String own : Stack.DATABASE_SCHEMAS.values()) {
            try (Connection connection = TestInfrastructure.roleConnection(own);
                    Statement statement = connection.createStatement()) {
                statement
                        .executeQuery("SELECT count(*) FROM " + TABLES.get(own))
                        .close();
                for (String other : Stack.DATABASE_SCHEMAS.values()) {
                    if (!other.equals(own)) {
                        assertDenied(
                                () -> statement.executeQuery("SELECT * FROM " + TABLES.get(other)),
                                own + " reading " + TABLES.get(other));
                        assertDenied(
                                () -> statement.executeUpdate("DELETE FROM " + TABLES.get(other)),
                                own + " deleting from " + TABLES.get(other));
                    }
                }
            }
        }
    }

    @Test
    void noServiceRoleCanCreateObjectsOutsideItsSchema() throws SQLException {
        for (String own : Stack.DATABASE_SCHEMAS.values()) {
            try (Connection connection = TestInfrastructure.roleConnection(own);
                    Statement statement = connection.createStatement()) {
                for (String other : Stack.DATABASE_SCHEMAS.values()) {
                    if (!other.equals(own)) {
                        assertDenied(
                                () -> statement.execute("CREATE TABLE " + other + ".planted (id int)"),
                                own + " creating a table in " + other);
                    }
                }
                assertDenied(() -> statement.execute("CREATE TABLE public.planted (id int)"), own + " in public");
                assertDenied(() -> statement.execute("CREATE SCHEMA planted"), own + " creating a schema");
            }
        }
    }

    @Test
    void theServicesActuatorPortsAnswerOnLoopbackOnly() {
        Optional<InetAddress> networkAddress = networkAddress();
        assumeThat(networkAddress).as("this machine has a non-loopback address").isPresent();
        for (String service : Stack.DATABASE_SCHEMAS.keySet()) {
            int port = Stack.get().port(service);
            assertThat(connects(InetAddress.getLoopbackAddress(), port))
                    .as(service)
                    .isTrue();
            assertThat(connects(networkAddress.get(), port))
                    .as("%s on %s", service, networkAddress.get())
                    .isFalse();
        }
    }

    @Test
    void aGatewayCanBeRunWithoutPublishingItsApiDescription() {
        Api closed = new Api(Stack.get()
                .startInstance(
                        "api-gateway",
                        "no-openapi",
                        Map.of("OPENAPI_DOCS_ENABLED", "false", "SWAGGER_UI_ENABLED", "false")));
        assertThat(closed.get("/v3/api-docs").status()).isNotEqualTo(200);
        assertThat(closed.get("/swagger-ui/index.html").status()).isNotEqualTo(200);
        assertThat(closed.get("/actuator/health").status()).isEqualTo(200);
    }

    private static void assertDenied(SqlAction action, String description) {
        assertThatThrownBy(action::run)
                .as(description)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
    }

    private static Optional<InetAddress> networkAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback();
                        } catch (SocketException e) {
                            return false;
                        }
                    })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
