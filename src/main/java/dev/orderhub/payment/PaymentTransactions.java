package dev.orderhub.payment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.exception.Failures;
import dev.orderhub.order.Money;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every gateway attempt, recorded with its outcome and reference: the order's payment journal. */
@Repository
public class PaymentTransactions {
    private final JdbcClient jdbc;

    PaymentTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One recorded gateway call. */
    public record Transaction(
            String kind, BigDecimal amount, String reference, String outcome, String message, Instant at) {}

    /**
     * The journal of one kind of call, written in the transactions {@link ExternalCalls} opens for it: each failed
     * attempt on its own, the answer with the call's outcome. A failed attempt is DECLINED when the gateway refused
     * it for good, TIMEOUT when no answer came in time (the gateway may have acted: the retry's key finds out),
     * FAILED for any other failure (an error status such as a 5xx, a refused connection, a circuit open).
     */
    ExternalCalls.Attempts journal(String message) {
        return new ExternalCalls.Attempts() {
            @Override
            public void answered(ExternalCalls.Call call, String reference) {
                record(call, reference, "APPROVED", message);
            }

            @Override
            public void failed(ExternalCalls.Call call, RuntimeException failure) {
                String outcome =
                        Failures.isPermanent(failure) ? "DECLINED" : Failures.isTimeout(failure) ? "TIMEOUT" : "FAILED";
                record(call, null, outcome, failure.getMessage());
            }
        };
    }

    private void record(ExternalCalls.Call call, String reference, String outcome, String message) {
        jdbc.sql("""
                INSERT INTO payment_transactions (order_id, kind, amount, reference, outcome, message, at)
                VALUES (:order, :kind, :amount, :reference, :outcome, :message, :at)""")
                .param("order", call.orderId())
                .param("kind", call.kind())
                .param("amount", call.amount())
                .param("reference", reference)
                .param("outcome", outcome)
                .param("message", message)
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    public List<Transaction> of(String orderId) {
        return jdbc.sql("""
                SELECT t.kind, t.amount, t.reference, t.outcome, t.message, t.at, o.currency
                FROM payment_transactions t JOIN orders o ON o.id = t.order_id WHERE t.order_id = :id ORDER BY t.id""")
                .param("id", orderId)
                .query((rs, n) -> new Transaction(
                        rs.getString(1),
                        Money.round(rs.getBigDecimal(2), rs.getString(7)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }
}
