package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

import social.support.testing.TcpProxy;

/**
 * A peer that vanished without closing its connection (a dead host, a dropped network path) must
 * not hold a service's threads for ever: the database driver gives up after its socket timeout,
 * the broker connection after missed heartbeats. Each test takes the service's own effective
 * settings and points them through a proxy that turns into a black hole.
 */
@SupportIntegrationTest
class HalfOpenConnectionsIT {
    @Autowired
    HikariDataSource dataSource;

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aQueryOnAHalfOpenDatabaseConnectionFailsWithinTheSocketTimeoutInsteadOfHanging() throws Exception {
        try (TcpProxy proxy = new TcpProxy(
                                System.getProperty("DB_HOST"), Integer.parseInt(System.getProperty("DB_PORT")))
                        .start();
                HikariDataSource proxied = throughProxy(dataSource, proxy);
                Connection connection = proxied.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            proxy.pause();

            Instant start = Instant.now();
            assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
            // the default socket timeout is 15 s; without one the read waits for ever
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(25));
        }
    }

    @Test
    void aHalfOpenBrokerConnectionIsDeclaredDeadAfterMissedHeartbeats() throws Exception {
        var settings = ((CachingConnectionFactory) connectionFactory).getRabbitConnectionFactory();
        try (TcpProxy proxy = new TcpProxy(
                        System.getProperty("RABBIT_HOST"), Integer.parseInt(System.getProperty("RABBIT_PORT")))
                .start()) {
            com.rabbitmq.client.ConnectionFactory viaProxy = settings.clone();
            viaProxy.setHost("127.0.0.1");
            viaProxy.setPort(proxy.port());
            com.rabbitmq.client.Connection connection = viaProxy.newConnection("half-open-it");
            try {
                assertThat(connection.getHeartbeat()).isEqualTo(10);
                proxy.pause();

                // missed heartbeats are noticed after about two intervals (20 s by default, not 120 s)
                await().atMost(Duration.ofSeconds(35)).until(() -> !connection.isOpen());
            } finally {
                connection.abort();
            }
        }
    }

    private static HikariDataSource throughProxy(HikariDataSource service, TcpProxy proxy) {
        HikariConfig config = new HikariConfig();
        service.copyStateTo(config);
        config.setPoolName("half-open-it");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setJdbcUrl(service.getJdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
        return new HikariDataSource(config);
    }
}
