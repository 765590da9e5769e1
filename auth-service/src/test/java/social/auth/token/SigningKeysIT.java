package social.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import social.auth.AuthProperties;
import social.support.testing.ServiceIntegrationTest;
import social.support.testing.TestInfrastructure;

/** The generated signing key: one per database however many instances start together, and only auth's. */
@ServiceIntegrationTest
class SigningKeysIT {
    private static final List<String> OTHER_SCHEMAS = List.of("users", "posts", "followers", "likes", "notifications");
    private static final String PERMISSION_DENIED = "42501";

    @Autowired
    AuthProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void instancesStartingTogetherOnAnEmptyKeyTableAllUseTheOneKeyStored() throws Exception {
        for (int round = 0; round < 5; round++) {
            jdbc.update("DELETE FROM signing_key");
            int instances = 4;
            CountDownLatch ready = new CountDownLatch(instances);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> keyIds = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                for (int i = 0; i < instances; i++) {
                    keyIds.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return new SigningKeys(properties, jdbc, transactionManager).keyId();
                    }));
                }
                ready.await();
                go.countDown();
                Set<String> answered = new HashSet<>();
                for (Future<String> keyId : keyIds) {
                    answered.add(keyId.get());
                }
                List<String> stored = jdbc.queryForList("SELECT key_id FROM signing_key", String.class);
                assertThat(stored).hasSize(1);
                assertThat(answered).containsExactly(stored.get(0));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void authServiceReadsItsKeyAsItsOwnUnprivilegedRole() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auth.signing_key", Integer.class))
                .isPositive();
        assertThat(jdbc.queryForObject(
                        "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user",
                        Boolean.class))
                .isFalse();
    }

    @Test
    void noOtherServiceRoleCanReadTheSigningKeyOrTheCredentials() throws SQLException {
        for (String schema : OTHER_SCHEMAS) {
            try (Connection connection = TestInfrastructure.roleConnection(schema);
                    Statement statement = connection.createStatement()) {
                for (String table : List.of("auth.signing_key", "auth.credential", "auth.refresh_token")) {
                    assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM " + table))
                            .as("%s reading %s", schema, table)
                            .isInstanceOfSatisfying(
                                    SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
                }
            }
        }
    }

    @Test
    void noOtherServiceRoleCanPlantATableInTheAuthSchema() throws SQLException {
        for (String schema : OTHER_SCHEMAS) {
            try (Connection connection = TestInfrastructure.roleConnection(schema);
                    Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute("CREATE TABLE auth.planted (id int)"))
                        .as("%s creating a table in auth", schema)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
            }
        }
        assertThat(jdbc.queryForList(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'auth' AND tablename = 'planted'"))
                .isEmpty();
    }
}
