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
        jdbc.sql("""
                INSERT INTO shipments (id, fulfillment_order_id, order_id, document, tracking_code, created_at)
                VALUES (:id, :fo, :order, :doc, :tracking, :now)""")
                .param("id", shipment.id())
                .param("fo", shipment.fulfillmentOrderId())
                .param("order", shipment.orderId())
                .param("doc", json.writeValueAsString(shipment))
                .param("tracking", shipment.trackingNumber())
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    /** Stores a shipment's document again (its tracking status, its delivery). */
    void update(Shipment shipment) {
        jdbc.sql("UPDATE shipments SET document = :doc WHERE fulfillment_order_id = :fo AND id = :id")
                .param("doc", json.writeValueAsString(shipment))
                .param("fo", shipment.fulfillmentOrderId())
                .param("id", shipment.id())
                .update();
    }

    /** The shipments with this carrier tracking code, locked for their update. */
    List<Shipment> lockByTrackingCode(String trackingCode) {
        return jdbc
                .sql("SELECT document FROM shipments WHERE tracking_code = :code ORDER BY fulfillment_order_id, id "
                        + "FOR UPDATE")
                .param("code", trackingCode)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, Shipment.class))
                .toList();
    }

    /** Records the carrier's tracker of a shipment. */
    void tracked(Shipment shipment, String trackerId) {
        jdbc.sql("UPDATE shipments SET tracker_id = :tracker WHERE fulfillment_order_id = :fo AND id = :id")
                .param("tracker", trackerId)
                .param("fo", shipment.fulfillmentOrderId())
                .param("id", shipment.id())
                .update();
    }

    /** Records that the carrier refused a shipment's tracker for good (it is not asked again). */
    void trackerRefused(Shipment shipment, String why) {
        jdbc.sql("UPDATE shipments SET tracker_error = :why WHERE fulfillment_order_id = :fo AND id = :id")
                .param("why", why)
                .param("fo", shipment.fulfillmentOrderId())
                .param("id", shipment.id())
                .update();
    }

    /** Shipments recorded before {@code before} with a tracking code and no tracker yet, oldest first. */
    List<Shipment> untracked(Instant before, int limit) {
        return jdbc
                .sql("""
                SELECT document FROM shipments
                WHERE tracker_id IS NULL AND tracker_error IS NULL AND tracking_code IS NOT NULL AND created_at < :before
                ORDER BY created_at LIMIT :limit""")
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .query(String.class)
                .list()
                .stream()
                .map(d -> json.readValue(d, Shipment.class))
                .toList();
    }

    /** The carrier's tracker id of a shipment, if it has one. */
    public Optional<String> trackerOf(String fulfillmentOrderId, String id) {
        return jdbc.sql("SELECT tracker_id FROM shipments WHERE fulfillment_order_id = :fo AND id = :id")
                .param("fo", fulfillmentOrderId)
                .param("id", id)
                .query(String.class)
                .optional();
    }

    Optional<Shipment> find(String fulfillmentOrderId, String id) {
        return jdbc.sql("SELECT document FROM shipments WHERE fulfillment_order_id = :fo AND id = :id")
                .param("fo", fulfillmentOrderId)
                .param("id", id)
                .query(String.class)
                .optional()
                .map(d -> json.readValue(d, Shipment.class));
    }

    /** The order's shipments to invoice: all but those of reships (sent again at no charge), oldest first. */
    public List<Shipment> toInvoice(String orderId) {
        return ofOrder(
                orderId,
                "SELECT s.document FROM shipments s JOIN fulfillment_orders f ON f.id = s.fulfillment_order_id "
                        + "WHERE s.order_id = :id AND f.reship IS NULL ORDER BY s.created_at, s.id");
    }

    public List<Shipment> ofOrder(String orderId) {
        return ofOrder(orderId, "SELECT document FROM shipments WHERE order_id = :id ORDER BY created_at, id");
    }

    private List<Shipment> ofOrder(String orderId, String query) {
        return jdbc.sql(query).param("id", orderId).query(String.class).list().stream()
                .map(d -> json.readValue(d, Shipment.class))
                .toList();
    }
}
