package social.support.rpc;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

import social.contract.ErrorCode;

/**
 * Tells a failure that came from something outside the work, and can come back (the database or
 * the broker unreachable, a service this one asked not answering), from one of the work itself:
 * an event consumer puts such work back instead of dead-lettering it, a request handler answers
 * {@code UNAVAILABLE} (503) instead of {@code INTERNAL} (500).
 */
public final class Outages {
    private Outages() {}

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException
                    || cause instanceof RpcTimeoutException
                    || cause instanceof RpcUnavailableException
                    || cause instanceof RpcErrorException answer
                            && answer.reply().code() == ErrorCode.UNAVAILABLE
                    || cause instanceof AmqpConnectException
                    || cause instanceof ConnectException
                    || cause instanceof SQLException sql && (lostSession(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
            // a rollback that failed on the dead connection hides the statement's own failure
            if (cause instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && isOutage(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's answer on a connection it closed after the database dropped it, without a
     * SQLSTATE: met when a JPA rollback runs on such a connection after a terminated session.
     */
    private static boolean closedByThePool(SQLException failure) {
        return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
    }

    /**
     * SQLSTATE class 08 (connection exception: closed, broken, refused) and 57P01–57P03 (the
     * server shut down or terminated the session, or cannot take connections now).
     */
    private static boolean lostSession(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.equals("57P01")
                        || sqlState.equals("57P02")
                        || sqlState.equals("57P03"));
    }
}
