package dev.orderhub.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * An outside system that cannot answer now: a timeout, a refused connection, HTTP 408, 409 (a request with the same
 * idempotency key still in flight), 429 or 5xx. Transient; {@code retryAfter} is the wait the system asked for
 * (HTTP {@code Retry-After}), honoured by the connector's retry.
 */
public class ConnectorUnavailable extends TransientFailure {
    private final transient Duration retryAfter;

    public ConnectorUnavailable(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
