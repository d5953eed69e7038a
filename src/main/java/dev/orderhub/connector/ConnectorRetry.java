package dev.orderhub.connector;

import dev.orderhub.exception.Failures;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * A connector's retry policy: attempts in all, first delay, multiplier, ceiling. It retries only what
 * {@link Failures#isConnectorTransient} says may pass; what still fails is not retried again by the error policy.
 */
public record ConnectorRetry(int attempts, long firstDelayMs, double multiplier, long maxDelayMs) {
    public ConnectorRetry {
        attempts = Math.max(attempts, 1);
        multiplier = multiplier < 1 ? 1 : multiplier;
    }

    /** Runs the call, retrying it while its failure is a transient failure of the outside system. */
    <T> T execute(Supplier<T> call) {
        if (attempts == 1) {
            return call.get();
        }
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(attempts - 1)
                .delay(Duration.ofMillis(firstDelayMs))
                .multiplier(multiplier)
                .maxDelay(Duration.ofMillis(Math.max(maxDelayMs, firstDelayMs)))
                .predicate(Failures::isConnectorTransient)
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
