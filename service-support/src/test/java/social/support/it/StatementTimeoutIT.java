package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** No statement of a service runs unbounded: Postgres cancels it after the statement timeout (5 s by default). */
@SupportIntegrationTest
class StatementTimeoutIT {
    private static final String QUERY_CANCELED = "57014";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyConnectionOfThePoolCarriesTheDefaultStatementTimeout() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("5s");
    }

    @Test
    void aStatementRunningLongerIsCanceledByTheDatabase() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT pg_sleep(60)", String.class))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e ->
                        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo(QUERY_CANCELED));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }
}
