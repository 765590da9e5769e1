package social.support.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import social.support.rpc.RpcTimeoutException;

class EventListenerTest {

    @Test
    void outagesOfTheDatabaseOrAnotherServiceAreTransientWhereverTheyAreWrapped() {
        assertThat(EventListener.isTransient(new CannotGetJdbcConnectionException(
                        "pool empty", new SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(EventListener.isTransient(
                        new IllegalStateException("resolving", new RpcTimeoutException("user.get"))))
                .isTrue();
    }

    @Test
    void failuresOfTheEventItselfAreNotTransient() {
        assertThat(EventListener.isTransient(new DataIntegrityViolationException("check constraint")))
                .isFalse();
        assertThat(EventListener.isTransient(new IllegalArgumentException("bad data")))
                .isFalse();
    }
}
