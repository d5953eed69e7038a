package dev.orderhub.payment;

import dev.orderhub.order.Money;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Every gateway call, recorded with its outcome and reference. */
@Repository
public class PaymentTransactions {
    private final JdbcClient jdbc;
    private final TransactionTemplate own;

    PaymentTransactions(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transaction.getTransactionManager());
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** One recorded gateway call. */
    public record Transaction(String kind, BigDecimal amount, String reference, String outcome, String message,
            Instant at) {
    }

    /** Records a gateway call in its own transaction: a declined or failed call stays on record. */
    void record(String orderId, String kind, BigDecimal amount, String reference, String outcome, String message) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                INSERT INTO payment_transactions (order_id, kind, amount, reference, outcome, message, at)
                VALUES (:order, :kind, :amount, :reference, :outcome, :message, :at)""")
                .param("order", orderId).param("kind", kind).param("amount", amount).param("reference", reference)
                .param("outcome", outcome).param("message", message).param("at", Timestamp.from(Instant.now()))
                .update());
    }

    public List<Transaction> of(String orderId) {
        return jdbc.sql("""
                SELECT t.kind, t.amount, t.reference, t.outcome, t.message, t.at, o.currency
                FROM payment_transactions t JOIN orders o ON o.id = t.order_id WHERE t.order_id = :id ORDER BY t.id""")
                .param("id", orderId)
                .query((rs, n) -> new Transaction(rs.getString(1), Money.round(rs.getBigDecimal(2), rs.getString(7)),
                        rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }
}
