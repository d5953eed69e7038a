package dev.orderhub.servicing;

import dev.orderhub.shared.Ids;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The reships table (numbers from a sequence). */
@Repository
class ReshipOrders {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReshipOrders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    String nextNumber() {
        return Ids.nextNumber(jdbc, "reship_number_seq", "RS");
    }

    void insert(Reship reship) {
        jdbc.sql("INSERT INTO reships (number, order_id, document, created_at) VALUES (:n, :o, :d, :c)")
                .param("n", reship.number())
                .param("o", reship.orderId())
                .param("d", json.writeValueAsString(reship))
                .param("c", Timestamp.from(reship.createdAt()))
                .update();
    }

    /** The order's reships, oldest first. */
    List<Reship> ofOrder(String orderId) {
        return jdbc
                .sql("SELECT document FROM reships WHERE order_id = :o ORDER BY created_at, number")
                .param("o", orderId)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, Reship.class))
                .toList();
    }
}
