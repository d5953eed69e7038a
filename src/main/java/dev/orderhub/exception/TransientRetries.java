package dev.orderhub.exception;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Retries by itself a step that failed for a transient reason (a timeout, a 5xx, an open circuit) once its connector's
 * own retries gave up: an order's NEW exception whose failure was transient is retried like an operator's retry after
 * a wait that doubles with each attempt ({@code first-delay-ms} up to {@code max-delay-ms}), at most
 * {@code max-attempts} times in all; then it waits for an operator. A triaged or paused exception is the operator's.
 * While a circuit is open the retry fails at once without calling out; the first retry after it closes goes through.
 */
@Component
public class TransientRetries {
    private static final Logger log = LoggerFactory.getLogger(TransientRetries.class);

    private final JdbcClient jdbc;
    private final ProcessExceptionActions actions;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxAttempts;

    TransientRetries(
            JdbcClient jdbc,
            ProcessExceptionActions actions,
            @Value("${orderhub.exceptions.auto-retry.first-delay-ms:10000}") long firstDelayMs,
            @Value("${orderhub.exceptions.auto-retry.max-delay-ms:600000}") long maxDelayMs,
            @Value("${orderhub.exceptions.auto-retry.max-attempts:20}") int maxAttempts) {
        this.jdbc = jdbc;
        this.actions = actions;
        this.firstDelay = Duration.ofMillis(firstDelayMs);
        this.maxDelay = Duration.ofMillis(Math.max(maxDelayMs, firstDelayMs));
        this.maxAttempts = maxAttempts;
    }

    /** The wait after the {@code attempts}-th failure before the next retry. */
    Duration delayAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 || delay.isNegative() ? maxDelay : delay;
    }

    /** Retries the exceptions that are due; returns how many. */
    public int retryDue() {
        Instant now = Instant.now();
        List<Candidate> candidates = jdbc.sql("""
                SELECT number, attempts, last_failure FROM process_exceptions
                WHERE status = 'NEW' AND transient_failure AND order_id IS NOT NULL AND attempts < :max
                  AND last_failure < :earliest
                ORDER BY last_failure LIMIT 200""")
                .param("max", maxAttempts)
                .param("earliest", Timestamp.from(now.minus(firstDelay)))
                .query((rs, n) -> new Candidate(
                        rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
                .list();
        int retried = 0;
        for (Candidate candidate : candidates) {
            if (candidate.lastFailure().plus(delayAfter(candidate.attempts())).isAfter(now)) {
                continue;
            }
            try {
                actions.retry(candidate.number());
                retried++;
            } catch (RuntimeException notNow) {
                // closed or finished meanwhile, or the step failed again (recorded on the exception by the step)
                log.debug("automatic retry of {} did not go through: {}", candidate.number(), notNow.toString());
            }
        }
        return retried;
    }

    private record Candidate(String number, int attempts, Instant lastFailure) {}
}
