package dev.orderhub.exception;

/** A failure that will not pass by retrying (a 4xx, a declined payment, a mapping error). */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
