package dev.orderhub.fulfillment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipments table; the shipment id, unique per fulfillment order (an ERP may reuse its numbers across
 * warehouses), is the key that makes a repeated confirmation count once.
 */
@Repository
public class Shipments {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    Shipments(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    boolean exists(String fulfillmentOrderId, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM shipments WHERE fulfillment_order_id = :fo AND id = :id")
                        .param("fo", fulfillmentOrderId)
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    void insert(Shipment shipment) {
        jdbc.sql(
                        "INSERT INTO shipments (id, fulfillment_order_id, order_id, document, created_at) VALUES (:id, :fo, :order, :doc, :now)")
                .param("id", shipment.id())
                .param("fo", shipment.fulfillmentOrderId())
                .param("order", shipment.orderId())
                .param("doc", json.writeValueAsString(shipment))
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    Optional<Shipment> find(String fulfillmentOrderId, String id) {
        return jdbc.sql("SELECT document FROM shipments WHERE fulfillment_order_id = :fo AND id = :id")
                .param("fo", fulfillmentOrderId)
                .param("id", id)
                .query(String.class)
                .optional()
                .map(d -> json.readValue(d, Shipment.class));
    }

    public List<Shipment> ofOrder(String orderId) {
        return jdbc
                .sql("SELECT document FROM shipments WHERE order_id = :id ORDER BY created_at, id")
                .param("id", orderId)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, Shipment.class))
                .toList();
    }
}
