package dev.orderhub.exception;

/** A failure that may pass (a timeout, a 5xx): retried with backoff as the connector file says. */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
