package dev.orderhub.exception;

import com.fasterxml.jackson.core.JacksonException;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.order.OrderValidationException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * The one classification of failures, asked by the error policy, the REST exception handler and the connectors.
 * Each kind is retried in exactly one place (README, "Process exceptions, dead letters and replay"). The outermost
 * failure in the cause chain that is known decides; a wrapper that is not known lets its cause decide.
 */
public final class Failures {
    private Failures() {}

    /** What retrying can do for a failure. */
    enum Kind {
        /** An outside system for a moment (a timeout, a refused connection, a 5xx): its connector's policy retries. */
        CONNECTOR_TRANSIENT,
        /** The database for a moment (a lock conflict, a deadlock, the database unreachable). */
        DATABASE_TRANSIENT,
        /** Will not pass by retrying (validation, mapping, an illegal move, a declined payment, a 4xx). */
        PERMANENT,
        /** Not known to be either (a bug, an unexpected exception): never retried in process. */
        UNKNOWN
    }

    static Kind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Kind kind = ownKind(t);
            if (kind != Kind.UNKNOWN) {
                return kind;
            }
        }
        return Kind.UNKNOWN;
    }

    private static Kind ownKind(Throwable t) {
        if (t instanceof TransientFailure
                || t instanceof TimeoutException
                || t instanceof InterruptedIOException
                || t instanceof ConnectException
                || t instanceof NoHttpResponseException
                || t instanceof CallNotPermittedException) {
            return Kind.CONNECTOR_TRANSIENT;
        }
        if (t instanceof HttpOperationFailedException http) {
            return transientStatus(http.getStatusCode()) ? Kind.CONNECTOR_TRANSIENT : Kind.PERMANENT;
        }
        if (t instanceof TransientDataAccessException
                || t instanceof DataAccessResourceFailureException
                || t instanceof CannotGetJdbcConnectionException
                || t instanceof ConcurrencyFailureException
                || t instanceof CannotCreateTransactionException) {
            return Kind.DATABASE_TRANSIENT;
        }
        // malformed JSON (Jackson 3 in the hub, Jackson 2 in camel-jackson) and a violated constraint do not pass
        if (t instanceof PermanentFailure
                || t instanceof OrderValidationException
                || t instanceof IllegalMoveException
                || t instanceof JacksonException
                || t instanceof StreamReadException
                || t instanceof DatabindException
                || t instanceof DataIntegrityViolationException) {
            return Kind.PERMANENT;
        }
        return Kind.UNKNOWN;
    }

    /**
     * Whether an HTTP status from an outside system may pass by asking again: 408, 409 (the same idempotency key
     * still in flight), 425, 429 and every 5xx. Any other 4xx is permanent.
     */
    public static boolean transientStatus(int status) {
        return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    /** May pass by itself: a REST caller gets 503, a process exception says so. */
    public static boolean isTransient(Throwable failure) {
        Kind kind = kindOf(failure);
        return kind == Kind.CONNECTOR_TRANSIENT || kind == Kind.DATABASE_TRANSIENT;
    }

    /**
     * The outside system did not answer in time (a socket, connect or call timeout): the call may have acted, so
     * the payment journal says TIMEOUT, where a system that answered with a 5xx or refused the connection says FAILED.
     */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** Known not to pass: a channel message is recorded and dead-lettered at once, without redelivery. */
    public static boolean isPermanent(Throwable failure) {
        return kindOf(failure) == Kind.PERMANENT;
    }

    /** What a connector's retry policy retries: only a call to its outside system that may pass. */
    public static boolean isConnectorTransient(Throwable failure) {
        return kindOf(failure) == Kind.CONNECTOR_TRANSIENT;
    }

    /** What the lifecycle-errors policy retries by running the step again: the database for a moment. */
    public static boolean isDatabaseTransient(Throwable failure) {
        return kindOf(failure) == Kind.DATABASE_TRANSIENT;
    }
}
