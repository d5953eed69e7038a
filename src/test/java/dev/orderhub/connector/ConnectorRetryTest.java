package dev.orderhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.exception.TransientFailure;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/** A connector retries only its outside system's transient failures; the others are retried elsewhere or never. */
class ConnectorRetryTest {
    private static final ConnectorRetry THREE = new ConnectorRetry(3, 1, 2.0, 5);

    @Test
    void aTransientFailureOfTheOutsideSystemIsTriedAsOftenAsThePolicySaysThenThrown() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> THREE.execute(failing(calls, new TransientFailure("gateway timed out"))))
                .isInstanceOf(TransientFailure.class)
                .hasMessage("gateway timed out");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aCallThatPassesOnItsSecondAttemptAnswers() {
        AtomicInteger calls = new AtomicInteger();

        String answer = THREE.execute(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new TransientFailure("gateway timed out");
            }
            return "auth_1";
        });

        assertThat(answer).isEqualTo("auth_1");
        assertThat(calls).hasValue(2);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> THREE.execute(failing(calls, new PermanentFailure("declined"))))
                .isInstanceOf(PermanentFailure.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aDatabaseFailureIsLeftToTheStepsRedelivery() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> THREE.execute(failing(calls, new CannotAcquireLockException("lock timeout"))))
                .isInstanceOf(CannotAcquireLockException.class);
        assertThat(calls).hasValue(1);
    }

    private static Supplier<String> failing(AtomicInteger calls, RuntimeException failure) {
        return () -> {
            calls.incrementAndGet();
            throw failure;
        };
    }
}
