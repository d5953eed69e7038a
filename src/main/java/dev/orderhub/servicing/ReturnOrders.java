package dev.orderhub.servicing;

import dev.orderhub.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The return_orders table (numbers from a sequence) and the receipts counted, one row per receiptId. */
@Repository
class ReturnOrders {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReturnOrders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    String nextNumber() {
        return Ids.nextNumber(jdbc, "return_order_number_seq", "RMA");
    }

    void insert(ReturnOrder returnOrder) {
        jdbc.sql("""
                INSERT INTO return_orders (number, order_id, status, document, created_at, updated_at)
                VALUES (:n, :o, :s, :d, :c, :u)""")
                .param("n", returnOrder.number())
                .param("o", returnOrder.orderId())
                .param("s", returnOrder.status().name())
                .param("d", json.writeValueAsString(returnOrder))
                .param("c", Timestamp.from(returnOrder.createdAt()))
                .param("u", Timestamp.from(returnOrder.updatedAt()))
                .update();
    }

    void update(ReturnOrder returnOrder) {
        jdbc.sql("UPDATE return_orders SET status = :s, document = :d, updated_at = :u WHERE number = :n")
                .param("n", returnOrder.number())
                .param("s", returnOrder.status().name())
                .param("d", json.writeValueAsString(returnOrder))
                .param("u", Timestamp.from(returnOrder.updatedAt()))
                .update();
    }

    Optional<ReturnOrder> find(String number) {
        return jdbc.sql("SELECT document FROM return_orders WHERE number = :n")
                .param("n", number)
                .query(String.class)
                .optional()
                .map(this::read);
    }

    /** Counts a receipt once: false when this receiptId of the return order was counted before. */
    boolean countReceipt(String number, String receiptId, Instant at) {
        if (jdbc.sql("SELECT COUNT(*) FROM return_receipts WHERE return_order = :n AND receipt_id = :r")
                        .param("n", number)
                        .param("r", receiptId)
                        .query(Integer.class)
                        .single()
                > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO return_receipts (return_order, receipt_id, received_at) VALUES (:n, :r, :at)")
                .param("n", number)
                .param("r", receiptId)
                .param("at", Timestamp.from(at))
                .update();
        return true;
    }

    /** Return orders by order and status (either may be null), newest first. */
    List<ReturnOrder> list(String orderId, String status, int page, int size) {
        return jdbc
                .sql("SELECT document FROM return_orders" + where(orderId, status)
                        + " ORDER BY created_at DESC, number DESC LIMIT :limit OFFSET :offset")
                .params(params(orderId, status))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(String.class)
                .list()
                .stream()
                .map(this::read)
                .toList();
    }

    long count(String orderId, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM return_orders" + where(orderId, status))
                .params(params(orderId, status))
                .query(Long.class)
                .single();
    }

    /** The order's return orders, oldest first: what its summary shows. */
    List<ReturnOrder> ofOrder(String orderId) {
        return jdbc
                .sql("SELECT document FROM return_orders WHERE order_id = :o ORDER BY created_at, number")
                .param("o", orderId)
                .query(String.class)
                .list()
                .stream()
                .map(this::read)
                .toList();
    }

    private static String where(String orderId, String status) {
        if (orderId != null && status != null) {
            return " WHERE order_id = :o AND status = :s";
        }
        if (orderId != null) {
            return " WHERE order_id = :o";
        }
        return status != null ? " WHERE status = :s" : "";
    }

    private static Map<String, Object> params(String orderId, String status) {
        Map<String, Object> params = new HashMap<>();
        if (orderId != null) {
            params.put("o", orderId);
        }
        if (status != null) {
            params.put("s", status);
        }
        return params;
    }

    private ReturnOrder read(String document) {
        return json.readValue(document, ReturnOrder.class);
    }
}
