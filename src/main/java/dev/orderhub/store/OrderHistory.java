package dev.orderhub.store;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The order_history table. */
@Repository
class OrderHistory {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    OrderHistory(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void append(String orderId, List<HistoryEntry> entries) {
        template.batchUpdate(
                "INSERT INTO order_history (order_id, at, action, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?)",
                entries,
                entries.size(),
                (ps, e) -> {
                    ps.setString(1, orderId);
                    ps.setTimestamp(2, Timestamp.from(e.at()));
                    ps.setString(3, e.action());
                    ps.setString(4, e.fromStatus());
                    ps.setString(5, e.toStatus());
                    ps.setString(6, e.detail());
                });
    }

    List<HistoryEntry> list(String orderId, int page, int size) {
        return jdbc.sql(
                        "SELECT at, action, from_status, to_status, detail FROM order_history WHERE order_id = :id ORDER BY id LIMIT :size OFFSET :offset")
                .param("id", orderId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new HistoryEntry(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    long count(String orderId) {
        Long n = jdbc.sql("SELECT COUNT(*) FROM order_history WHERE order_id = :id")
                .param("id", orderId)
                .query(Long.class)
                .single();
        return n == null ? 0 : n;
    }
}
