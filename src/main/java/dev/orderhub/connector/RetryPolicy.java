package dev.orderhub.connector;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

/**
 * A connector's retry policy for transient failures: attempts in all, first delay, multiplier, ceiling. Permanent
 * failures (as {@code retryable} says) are not retried.
 */
public record RetryPolicy(int attempts, long firstDelayMs, double multiplier, long maxDelayMs) {
    public static final RetryPolicy NONE = new RetryPolicy(1, 0, 1, 0);

    public RetryPolicy {
        attempts = Math.max(attempts, 1);
        multiplier = multiplier < 1 ? 1 : multiplier;
    }

    /** Runs the call, retrying it while {@code retryable} says the failure is transient. */
    public <T> T execute(Supplier<T> call, java.util.function.Predicate<Throwable> retryable) {
        if (attempts == 1) {
            return call.get();
        }
        org.springframework.core.retry.RetryPolicy policy = org.springframework.core.retry.RetryPolicy.builder()
                .maxRetries(attempts - 1)
                .delay(Duration.ofMillis(firstDelayMs))
                .multiplier(multiplier)
                .maxDelay(Duration.ofMillis(Math.max(maxDelayMs, firstDelayMs)))
                .predicate(retryable::test)
                .build();
        try {
            return new RetryTemplate(policy).execute(call::get);
        } catch (RetryException exhausted) {
            Throwable last = exhausted.getCause() != null ? exhausted.getCause() : exhausted;
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(last);
        }
    }
}
