package dev.orderhub.exception;

import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.order.OrderValidationException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Classifies failures: transient ones are retried, permanent ones are recorded at once. */
public final class Failures {
    private Failures() {
    }

    /** Timeouts, refused connections, an unreachable database and lock conflicts pass; retry them. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientFailure || t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof ConnectException || t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof ConcurrencyFailureException) {
                return true;
            }
            if (t instanceof OrderValidationException || t instanceof IllegalMoveException
                    || t instanceof PermanentFailure) {
                return false;
            }
        }
        return false;
    }

    public static boolean isPermanent(Throwable failure) {
        return !isTransient(failure);
    }
}
