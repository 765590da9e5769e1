package social.support.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class OutagesTest {

    @Test
    void outagesOfTheDatabaseOrAnotherServiceAreRecognisedWhereverTheyAreWrapped() {
        assertThat(Outages.isOutage(new CannotGetJdbcConnectionException(
                        "pool empty", new SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("resolving", new RpcTimeoutException("user.get"))))
                .isTrue();
    }

    @Test
    void failuresOfTheWorkItselfAreNoOutage() {
        assertThat(Outages.isOutage(new DataIntegrityViolationException("check constraint")))
                .isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad data"))).isFalse();
    }
}
