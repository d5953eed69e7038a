package dev.orderhub.credit;

import dev.orderhub.order.Money;
import dev.orderhub.shared.Ids;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The credit_memos table and its refunds and account applications; numbers come from a sequence. */
@Repository
class CreditMemos {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    CreditMemos(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    String nextNumber() {
        return Ids.nextNumber(jdbc, "credit_memo_number_seq", "CM");
    }

    void insert(CreditMemo memo) {
        jdbc.sql("""
                INSERT INTO credit_memos (number, order_id, return_order, status, total, document, created_at,
                    updated_at)
                VALUES (:n, :o, :r, :s, :t, :d, :c, :u)""")
                .param("n", memo.number())
                .param("o", memo.orderId())
                .param("r", memo.returnOrder())
                .param("s", memo.status().name())
                .param("t", memo.total())
                .param("d", json.writeValueAsString(memo))
                .param("c", Timestamp.from(memo.createdAt()))
                .param("u", Timestamp.from(memo.updatedAt()))
                .update();
        memo.refunds()
                .forEach(r -> jdbc.sql("""
                        INSERT INTO credit_memo_refunds (credit_memo, capture, amount, reference)
                        VALUES (:m, :c, :a, :r)""")
                        .param("m", memo.number())
                        .param("c", r.capture())
                        .param("a", r.amount())
                        .param("r", r.reference())
                        .update());
    }

    void update(CreditMemo memo) {
        jdbc.sql("UPDATE credit_memos SET status = :s, document = :d, updated_at = :u WHERE number = :n")
                .param("s", memo.status().name())
                .param("d", json.writeValueAsString(memo))
                .param("u", Timestamp.from(memo.updatedAt()))
                .param("n", memo.number())
                .update();
        memo.refunds()
                .forEach(r -> jdbc.sql("""
                        UPDATE credit_memo_refunds SET reference = :r WHERE credit_memo = :m AND capture = :c""")
                        .param("r", r.reference())
                        .param("m", memo.number())
                        .param("c", r.capture())
                        .update());
    }

    Optional<CreditMemo> find(String number) {
        return jdbc.sql("SELECT document FROM credit_memos WHERE number = :n")
                .param("n", number)
                .query(String.class)
                .optional()
                .map(d -> json.readValue(d, CreditMemo.class));
    }

    /** The order's credit memos, oldest first. */
    List<CreditMemo> ofOrder(String orderId) {
        return jdbc
                .sql("SELECT document FROM credit_memos WHERE order_id = :o ORDER BY created_at, number")
                .param("o", orderId)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, CreditMemo.class))
                .toList();
    }

    /** One page of the order's credit memos, oldest first. */
    List<CreditMemo> ofOrder(String orderId, int page, int size) {
        return jdbc
                .sql("""
                SELECT document FROM credit_memos WHERE order_id = :o ORDER BY created_at, number
                LIMIT :limit OFFSET :offset""")
                .param("o", orderId)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, CreditMemo.class))
                .toList();
    }

    long countOf(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM credit_memos WHERE order_id = :o")
                .param("o", orderId)
                .query(Long.class)
                .single();
    }

    /** The order's credit memos still waiting for a refund, oldest first. */
    List<String> pendingOf(String orderId) {
        return jdbc.sql("""
                SELECT number FROM credit_memos WHERE order_id = :o AND status = 'REFUND_PENDING'
                ORDER BY created_at, number""").param("o", orderId).query(String.class).list();
    }

    /** Per capture of the order, what its credit memos give back against it (answered or not). */
    Map<String, BigDecimal> refundedByCapture(String orderId, String currency) {
        Map<String, BigDecimal> refunded = new TreeMap<>();
        jdbc.sql("""
                SELECT r.capture, SUM(r.amount) FROM credit_memo_refunds r
                JOIN credit_memos m ON m.number = r.credit_memo WHERE m.order_id = :o GROUP BY r.capture""")
                .param("o", orderId)
                .query((rs, n) -> refunded.put(rs.getString(1), Money.round(rs.getBigDecimal(2), currency)))
                .list();
        return refunded;
    }

    /** Whether any invoice of the order is posted (pending ones included). */
    boolean invoiced(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM invoices WHERE order_id = :o")
                        .param("o", orderId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    void apply(String memo, String invoiceNumber, BigDecimal amount) {
        jdbc.sql("""
                INSERT INTO credit_memo_applications (credit_memo, invoice_number, amount)
                VALUES (:m, :i, :a)""")
                .param("m", memo)
                .param("i", invoiceNumber)
                .param("a", amount)
                .update();
    }
}
