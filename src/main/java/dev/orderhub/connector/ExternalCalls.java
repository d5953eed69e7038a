package dev.orderhub.connector;

import dev.orderhub.exception.Failures;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one protocol for a call that changes an outside system (README, "Money moves once"): the intent is recorded
 * under a deterministic idempotency key and committed; the call carries that key and is made with no database
 * transaction or row lock held; its outcome is recorded after it. A rerun finds the key: a recorded success is
 * answered from the record, anything else is asked again with the same key, and the outside system answers its
 * first result instead of acting twice.
 */
@Repository
public class ExternalCalls {
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DataSource dataSource;

    ExternalCalls(JdbcClient jdbc, TransactionTemplate transaction, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dataSource = dataSource;
    }

    /** Where a call stands. INTENT: asked, or about to be, with no known answer (a timeout leaves it there). */
    enum Status {
        INTENT,
        SUCCEEDED,
        FAILED
    }

    /**
     * One call: its key is derived from what it does (order, step, what it acts on, amount), never random, so that
     * every run of the step asks with the same key.
     */
    public record Call(String idempotencyKey, String orderId, String kind, BigDecimal amount) {
        /** The key {@code <order>:<kind>[:<subject>]:<amount>}, e.g. {@code o-1:capture:INV-00000007:552.29}. */
        public static Call of(String orderId, String kind, String subject, BigDecimal amount) {
            String key = Stream.of(
                            orderId,
                            kind.toLowerCase(Locale.ROOT),
                            subject,
                            amount.stripTrailingZeros().toPlainString())
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining(":"));
            return new Call(key, orderId, kind, amount);
        }
    }

    /** A call as recorded. */
    record Recorded(
            String idempotencyKey,
            String orderId,
            String kind,
            BigDecimal amount,
            Status status,
            String reference,
            String answer,
            Instant at) {}

    /** What a caller keeps of each attempt beside the protocol's own record (the payment journal). */
    public interface Attempts {
        /** In the transaction that records the outcome, once per key. */
        void answered(Call call, String reference);

        /** In a transaction of its own. */
        void failed(Call call, RuntimeException failure);
    }

    /**
     * Makes a call by the protocol and returns the outside system's reference. {@code ask} receives the idempotency
     * key; it is retried by the connector's policy. A permanent failure is recorded as FAILED; any other failure
     * leaves the intent for the next run to ask again with the same key.
     */
    public String call(Call call, ConnectorPolicy policy, UnaryOperator<String> ask, Attempts attempts) {
        return call(call, policy, ask, attempts, reference -> reference);
    }

    /**
     * The same protocol, with what the caller records of the answer ({@code record}, e.g. the authorisation on the
     * order) committed in the one transaction that records the outcome: the answer and its effect on the hub are
     * never apart, and the call costs two commits (intent, outcome), not three. {@code record} also runs when a
     * rerun finds the success already recorded, so a step that failed after the outcome still records it.
     */
    public <T> T call(
            Call call,
            ConnectorPolicy policy,
            UnaryOperator<String> ask,
            Attempts attempts,
            Function<String, T> record) {
        // an in-process connector changes no outside system: the steps around it may share one transaction
        if (!policy.inProcess() && TransactionSynchronizationManager.hasResource(dataSource)) {
            throw new IllegalStateException("call " + call.idempotencyKey() + " made inside a database transaction");
        }
        // an intent the caller recorded with its own change (intend) is read, not written again
        Recorded recorded = find(call.idempotencyKey())
                .orElseGet(() -> transaction.execute(tx -> {
                    recordIntent(call);
                    return find(call.idempotencyKey()).orElseThrow();
                }));
        if (recorded.status() == Status.SUCCEEDED) {
            return transaction.execute(tx -> record.apply(recorded.reference()));
        }
        String reference;
        try {
            reference = policy.execute(() -> {
                try {
                    return ask.apply(call.idempotencyKey());
                } catch (RuntimeException failure) {
                    transaction.executeWithoutResult(tx -> attempts.failed(call, failure));
                    throw failure;
                }
            });
        } catch (RuntimeException failure) {
            if (Failures.isPermanent(failure)) {
                transaction.executeWithoutResult(tx -> outcome(call, Status.FAILED, null, failure.getMessage()));
            }
            throw failure;
        }
        return transaction.execute(tx -> {
            if (outcome(call, Status.SUCCEEDED, reference, null)) {
                attempts.answered(call, reference);
                return record.apply(reference);
            }
            return record.apply(
                    find(call.idempotencyKey()).map(Recorded::reference).orElse(reference));
        });
    }

    /**
     * Records a call's intent in the caller's transaction, with the change that makes the call due (an invoice
     * posted, an order priced): the call then costs no commit of its own before it is made. A key recorded already
     * keeps its row.
     */
    public void intend(Call call) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("intent of " + call.idempotencyKey() + " recorded outside a transaction");
        }
        recordIntent(call);
    }

    /** A call that succeeded: what the outside system answered, and the amount it was about. */
    public record Answered(String idempotencyKey, String reference, BigDecimal amount) {}

    /** The order's succeeded calls of a kind, oldest first (e.g. the tax documents to void when it is cancelled). */
    public List<Answered> succeeded(String orderId, String kind) {
        return jdbc.sql("""
                SELECT idempotency_key, reference, amount FROM external_calls
                WHERE order_id = :order AND kind = :kind AND status = 'SUCCEEDED' ORDER BY at, idempotency_key""")
                .param("order", orderId)
                .param("kind", kind)
                .query((rs, n) -> new Answered(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .list();
    }

    /** Records the intent; a key recorded already keeps its row (and its outcome). */
    private void recordIntent(Call call) {
        jdbc.sql("""
                INSERT INTO external_calls (idempotency_key, order_id, kind, amount, status, at)
                VALUES (:key, :order, :kind, :amount, 'INTENT', :at) ON CONFLICT DO NOTHING""")
                .param("key", call.idempotencyKey())
                .param("order", call.orderId())
                .param("kind", call.kind())
                .param("amount", call.amount())
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    /** Records an outcome unless a success is recorded already; says whether it wrote. */
    private boolean outcome(Call call, Status status, String reference, String answer) {
        return jdbc.sql("""
                UPDATE external_calls SET status = :status, reference = :reference, answer = :answer, at = :at
                WHERE idempotency_key = :key AND status <> 'SUCCEEDED'""")
                        .param("status", status.name())
                        .param("reference", reference)
                        .param("answer", answer)
                        .param("at", Timestamp.from(Instant.now()))
                        .param("key", call.idempotencyKey())
                        .update()
                == 1;
    }

    Optional<Recorded> find(String idempotencyKey) {
        return jdbc.sql("""
                SELECT idempotency_key, order_id, kind, amount, status, reference, answer, at
                FROM external_calls WHERE idempotency_key = :key""")
                .param("key", idempotencyKey)
                .query((rs, n) -> new Recorded(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        Status.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .optional();
    }
}
