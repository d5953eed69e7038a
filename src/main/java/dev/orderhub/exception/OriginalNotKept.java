package dev.orderhub.exception;

/**
 * A permanent failure of a message too large to keep: its process exception and dead letter hold no original
 * (the failure's message says what it was), so that recording it never reads it into memory.
 */
public class OriginalNotKept extends PermanentFailure {
    public OriginalNotKept(String message) {
        super(message);
    }
}
