package dev.orderhub.exception;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import dev.orderhub.edi.EdiFailure;
import dev.orderhub.exception.Failures.Kind;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.lifecycle.Move;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.order.FieldError;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.payment.PaymentDeclinedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailuresTest {

    static List<Arguments> failures() {
        return List.of(
                Arguments.of(new TransientFailure("gateway 503"), Kind.CONNECTOR_TRANSIENT),
                Arguments.of(new SocketTimeoutException("read timed out"), Kind.CONNECTOR_TRANSIENT),
                Arguments.of(new ConnectException("connection refused"), Kind.CONNECTOR_TRANSIENT),
                Arguments.of(new TimeoutException("no answer"), Kind.CONNECTOR_TRANSIENT),
                Arguments.of(new CannotAcquireLockException("lock timeout"), Kind.DATABASE_TRANSIENT),
                Arguments.of(new DeadlockLoserDataAccessException("deadlock", null), Kind.DATABASE_TRANSIENT),
                Arguments.of(new QueryTimeoutException("statement cancelled"), Kind.DATABASE_TRANSIENT),
                Arguments.of(new OptimisticLockingFailureException("version moved"), Kind.DATABASE_TRANSIENT),
                Arguments.of(new DataAccessResourceFailureException("database away"), Kind.DATABASE_TRANSIENT),
                Arguments.of(new CannotGetJdbcConnectionException("pool empty"), Kind.DATABASE_TRANSIENT),
                Arguments.of(new CannotCreateTransactionException("no connection"), Kind.DATABASE_TRANSIENT),
                Arguments.of(new PermanentFailure("a 4xx"), Kind.PERMANENT),
                Arguments.of(new PaymentDeclinedException("card declined"), Kind.PERMANENT),
                Arguments.of(new MappingException("no mapping for channel x"), Kind.PERMANENT),
                Arguments.of(new EdiFailure("unknown sender"), Kind.PERMANENT),
                Arguments.of(
                        new OrderValidationException(List.of(new FieldError("lines", "required"))), Kind.PERMANENT),
                Arguments.of(new IllegalMoveException("o-1", Move.ALLOCATE, "allocate needs APPROVED"), Kind.PERMANENT),
                Arguments.of(new NullPointerException(), Kind.UNKNOWN),
                Arguments.of(new IllegalStateException("a bug"), Kind.UNKNOWN),
                Arguments.of(new DataIntegrityViolationException("check constraint"), Kind.PERMANENT),
                Arguments.of(new JsonParseException(null, "unexpected end of input"), Kind.PERMANENT));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureHasItsKind(Throwable failure, Kind kind) {
        assertThat(Failures.kindOf(failure)).isEqualTo(kind);
        assertThat(Failures.isTransient(failure))
                .isEqualTo(kind == Kind.CONNECTOR_TRANSIENT || kind == Kind.DATABASE_TRANSIENT);
        assertThat(Failures.isPermanent(failure)).isEqualTo(kind == Kind.PERMANENT);
        assertThat(Failures.isConnectorTransient(failure)).isEqualTo(kind == Kind.CONNECTOR_TRANSIENT);
        assertThat(Failures.isDatabaseTransient(failure)).isEqualTo(kind == Kind.DATABASE_TRANSIENT);
    }

    @Test
    void onlyAFailureWithNoAnswerInTimeIsATimeout() {
        assertThat(Failures.isTimeout(new SocketTimeoutException("read timed out")))
                .isTrue();
        assertThat(Failures.isTimeout(new RuntimeCamelException(new TimeoutException("no answer"))))
                .isTrue();
        assertThat(Failures.isTimeout(new TransientFailure("timed out", new TimeoutException("timed out"))))
                .isTrue();
        assertThat(Failures.isTimeout(new ConnectorUnavailable("HTTP 503", null)))
                .as("an answer, if an error")
                .isFalse();
        assertThat(Failures.isTimeout(new ConnectException("connection refused")))
                .isFalse();
        assertThat(Failures.isTimeout(new PaymentDeclinedException("card declined")))
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aWrapperThatIsNotKnownLetsItsCauseDecide(Throwable failure, Kind kind) {
        Throwable wrapped = new RuntimeCamelException(new IllegalStateException("step failed", failure));

        assertThat(Failures.kindOf(wrapped)).isEqualTo(kind);
    }

    @Test
    void theOutermostKnownFailureDecides() {
        assertThat(Failures.kindOf(new PermanentFailure("refused", new SocketTimeoutException())))
                .isEqualTo(Kind.PERMANENT);
        assertThat(Failures.kindOf(new TransientFailure("gateway away", new PermanentFailure("inner"))))
                .isEqualTo(Kind.CONNECTOR_TRANSIENT);
        assertThat(Failures.kindOf(new DataAccessResourceFailureException(
                        "database away", new SQLException("socket", new SocketTimeoutException()))))
                .isEqualTo(Kind.DATABASE_TRANSIENT);
        assertThat(Failures.kindOf(new MappingException("unreadable", new CannotAcquireLockException("x"))))
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void nothingIsUnknown() {
        assertThat(Failures.kindOf(null)).isEqualTo(Kind.UNKNOWN);
        assertThat(Failures.kindOf(new RuntimeException("outer", new RuntimeException("inner"))))
                .isEqualTo(Kind.UNKNOWN);
    }
}
