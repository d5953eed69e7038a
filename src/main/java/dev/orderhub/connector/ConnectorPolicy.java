package dev.orderhub.connector;

import dev.orderhub.exception.ConnectorUnavailable;
import dev.orderhub.exception.Failures;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A connector's resilience, set in its connector file: retries with exponential backoff and jitter ({@code retry})
 * around a circuit breaker ({@code circuitBreaker}). Only failures that {@link Failures#isConnectorTransient} says may
 * pass are retried and counted against the circuit; a decline is neither. While the circuit is open a call fails at
 * once ({@link CallNotPermittedException}, transient), so no thread waits on a call bound to fail; the step's process
 * exception is retried on its own schedule. A {@code Retry-After} longer than {@code retry.maxRetryAfterMs} is not
 * waited for in process: the failure goes to the step.
 */
public final class ConnectorPolicy {
    private final Retry retry;
    /** Null when the connector file turns it off ({@code circuitBreaker.enabled: false}). */
    private final CircuitBreaker circuitBreaker;

    private final boolean inProcess;

    ConnectorPolicy(String name, JsonNode retrySettings, JsonNode breakerSettings, boolean inProcess) {
        this.inProcess = inProcess;
        int attempts = Math.max(1, retrySettings.path("attempts").asInt(3));
        long firstDelay = Math.max(1, retrySettings.path("firstDelayMs").asLong(200));
        double multiplier = Math.max(1, retrySettings.path("multiplier").asDouble(2.0));
        double jitter = Math.min(0.99, Math.max(0, retrySettings.path("jitter").asDouble(0.5)));
        long maxDelay = Math.max(firstDelay, retrySettings.path("maxDelayMs").asLong(5_000));
        long maxRetryAfter = retrySettings.path("maxRetryAfterMs").asLong(10_000);
        IntervalFunction backoff = jitter > 0
                ? IntervalFunction.ofExponentialRandomBackoff(firstDelay, multiplier, jitter, maxDelay)
                : IntervalFunction.ofExponentialBackoff(firstDelay, multiplier, maxDelay);
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long wait = backoff.apply(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof ConnectorUnavailable unavailable) {
                return unavailable.retryAfter().map(Duration::toMillis).orElse(wait);
            }
            return wait;
        };
        this.retry = Retry.of(
                name,
                RetryConfig.custom()
                        .maxAttempts(attempts)
                        .intervalBiFunction(interval)
                        .retryOnException(failure -> retryable(failure, maxRetryAfter))
                        .failAfterMaxAttempts(false)
                        .build());
        this.circuitBreaker = !breakerSettings.path("enabled").asBoolean(true)
                ? null
                : CircuitBreaker.of(
                        name,
                        CircuitBreakerConfig.custom()
                                .failureRateThreshold((float) breakerSettings
                                        .path("failureRateThreshold")
                                        .asDouble(50))
                                .slidingWindowSize(breakerSettings
                                        .path("slidingWindowSize")
                                        .asInt(20))
                                .minimumNumberOfCalls(
                                        breakerSettings.path("minimumCalls").asInt(10))
                                .waitDurationInOpenState(Duration.ofMillis(
                                        breakerSettings.path("openMs").asLong(30_000)))
                                .permittedNumberOfCallsInHalfOpenState(
                                        breakerSettings.path("halfOpenCalls").asInt(2))
                                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                                .recordException(Failures::isConnectorTransient)
                                .build());
    }

    private static boolean retryable(Throwable failure, long maxRetryAfter) {
        if (failure instanceof CallNotPermittedException || !Failures.isConnectorTransient(failure)) {
            return false;
        }
        return !(failure instanceof ConnectorUnavailable unavailable)
                || unavailable
                        .retryAfter()
                        .map(d -> d.toMillis() <= maxRetryAfter)
                        .orElse(true);
    }

    /** Runs a call to the outside system under the circuit breaker, retried by this policy. */
    public <T> T execute(Supplier<T> call) {
        Supplier<T> guarded = circuitBreaker == null ? call : CircuitBreaker.decorateSupplier(circuitBreaker, call);
        return Retry.decorateSupplier(retry, guarded).get();
    }

    /**
     * Whether the connector answers in the hub's own process (type sandbox): a call to it changes no outside system,
     * so it may be made inside a database transaction (README, "Steps in one transaction").
     */
    public boolean inProcess() {
        return inProcess;
    }

    /** The circuit's state: CLOSED, OPEN, HALF_OPEN (for health and tests). */
    public String circuitState() {
        return circuitBreaker == null ? "DISABLED" : circuitBreaker.getState().name();
    }
}
