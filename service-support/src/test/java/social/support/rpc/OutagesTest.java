package social.support.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import social.contract.ErrorCode;
import social.contract.ErrorReply;

class OutagesTest {

    @Test
    void outagesOfTheDatabaseOrAnotherServiceAreRecognisedWhereverTheyAreWrapped() {
        assertThat(Outages.isOutage(new CannotGetJdbcConnectionException(
                        "pool empty", new SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("resolving", new RpcTimeoutException("user.get"))))
                .isTrue();
    }

    /**
     * A session terminated under a transaction (Postgres restarted, failed over, or an operator's
     * pg_terminate_backend): the statement fails, then so does the rollback on the dead connection,
     * and Spring throws the rollback's failure, not the statement's. Found by the fault harness
     * (db-sessions): those requests were answered 500.
     */
    @Test
    void aRollbackThatFailedOnASessionTheDatabaseTerminatedIsAnOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException(
                "JDBC rollback failed", new SQLException("This connection has been closed.", "08003"));
        rollbackFailed.initApplicationException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        assertThat(Outages.isOutage(rollbackFailed)).isTrue();
        // a JPA rollback on the connection the pool closed after the database dropped it (user-service)
        assertThat(Outages.isOutage(new IllegalStateException(
                        "Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))))
                .isTrue();
        assertThat(Outages.isOutage(new SQLException("This connection has been closed.", "08003")))
                .isTrue();
        assertThat(Outages.isOutage(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
    }

    /** Found by the fault harness: like-service answered 500 when post-service, asked in turn, answered 503. */
    @Test
    void aServiceAskedInTurnThatAnsweredUnavailableIsAnOutage() {
        assertThat(Outages.isOutage(new RpcErrorException(ErrorReply.of(ErrorCode.UNAVAILABLE, "database away"))))
                .isTrue();
        assertThat(Outages.isOutage(new RpcErrorException(ErrorReply.of(ErrorCode.NOT_FOUND, "no such post"))))
                .isFalse();
    }

    @Test
    void failuresOfTheWorkItselfAreNoOutage() {
        assertThat(Outages.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Outages.isOutage(new DataIntegrityViolationException("check constraint")))
                .isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad data"))).isFalse();
    }
}
