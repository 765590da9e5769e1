package social.support.rpc;

import java.net.ConnectException;
import java.sql.SQLTransientException;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

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
                    || cause instanceof AmqpConnectException
                    || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
