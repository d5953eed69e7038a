package dev.orderhub.fulfillment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The fulfillment_orders table. */
@Repository
public class FulfillmentOrders {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    FulfillmentOrders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(FulfillmentOrder fo) {
        jdbc.sql("""
                INSERT INTO fulfillment_orders (id, order_id, location, delivery_group_id, status, document, version, created_at, updated_at, reship)
                VALUES (:id, :order, :location, :group, :status, :document, 0, :now, :now, :reship)""")
                .param("id", fo.id())
                .param("order", fo.orderId())
                .param("location", fo.location())
                .param("group", fo.deliveryGroupId())
                .param("status", fo.status().name())
                .param("document", json.writeValueAsString(fo))
                .param("now", Timestamp.from(fo.createdAt()))
                .param("reship", fo.reship() == null ? null : fo.reship().number())
                .update();
    }

    void update(FulfillmentOrder fo) {
        jdbc.sql(
                        "UPDATE fulfillment_orders SET status = :status, document = :document, version = version + 1, updated_at = :now WHERE id = :id")
                .param("status", fo.status().name())
                .param("document", json.writeValueAsString(fo))
                .param("now", Timestamp.from(Instant.now()))
                .param("id", fo.id())
                .update();
    }

    public Optional<FulfillmentOrder> find(String id) {
        return jdbc.sql("SELECT document FROM fulfillment_orders WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(d -> json.readValue(d, FulfillmentOrder.class));
    }

    /** The order a fulfillment order belongs to, from its column: no document read. */
    Optional<String> orderOf(String id) {
        return jdbc.sql("SELECT order_id FROM fulfillment_orders WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** A fulfillment order's delivery group (null when its order has none), from its column: no document read. */
    public String deliveryGroupOf(String id) {
        List<String> group = jdbc.sql("SELECT delivery_group_id FROM fulfillment_orders WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> rs.getString(1))
                .list();
        if (group.isEmpty()) {
            throw new IllegalStateException("unknown fulfillment order " + id);
        }
        return group.get(0);
    }

    /** Reads with a row lock, so that two confirmations of one fulfillment order apply one after the other. */
    Optional<FulfillmentOrder> lock(String id) {
        return jdbc.sql("SELECT document FROM fulfillment_orders WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(d -> json.readValue(d, FulfillmentOrder.class));
    }

    public List<FulfillmentOrder> ofOrder(String orderId) {
        return jdbc
                .sql("SELECT document FROM fulfillment_orders WHERE order_id = :id ORDER BY created_at, id")
                .param("id", orderId)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, FulfillmentOrder.class))
                .toList();
    }
}
