package dev.orderhub.fulfillment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stock per location and SKU with its reservations; a reservation never exceeds what is on hand. */
@Repository
public class Inventory {
    private final JdbcClient jdbc;

    Inventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One location's figures for a SKU. */
    public record Level(String location, int onHand, int reserved, int available) {}

    public List<Level> levels(String sku) {
        return jdbc.sql("SELECT location, on_hand, reserved FROM inventory WHERE sku = :sku ORDER BY location")
                .param("sku", sku)
                .query((rs, n) -> new Level(
                        rs.getString(1), rs.getInt(2), rs.getInt(3), Math.max(0, rs.getInt(2) - rs.getInt(3))))
                .list();
    }

    /** Available quantity per location for the SKUs, read in one query. */
    Map<String, Map<String, Integer>> available(Collection<String> skus) {
        Map<String, Map<String, Integer>> byLocation = new HashMap<>();
        if (skus.isEmpty()) {
            return byLocation;
        }
        jdbc.sql("SELECT location, sku, on_hand - reserved FROM inventory WHERE sku IN (:skus)")
                .param("skus", skus)
                .query(rs -> {
                    byLocation
                            .computeIfAbsent(rs.getString(1), l -> new HashMap<>())
                            .put(rs.getString(2), Math.max(0, rs.getInt(3)));
                });
        return byLocation;
    }

    /** Reserves if enough is available; false when a concurrent allocation took it first. */
    boolean reserve(String location, String sku, int quantity) {
        return jdbc.sql("""
                UPDATE inventory SET reserved = reserved + :q, updated_at = :now
                WHERE location = :location AND sku = :sku AND on_hand - reserved >= :q""")
                        .param("q", quantity)
                        .param("now", now())
                        .param("location", location)
                        .param("sku", sku)
                        .update()
                == 1;
    }

    void release(String location, String sku, int quantity) {
        jdbc.sql(
                        "UPDATE inventory SET reserved = reserved - :q, updated_at = :now WHERE location = :location AND sku = :sku")
                .param("q", quantity)
                .param("now", now())
                .param("location", location)
                .param("sku", sku)
                .update();
    }

    /** Shipped stock leaves the shelf and its reservation. */
    void ship(String location, String sku, int quantity) {
        jdbc.sql("""
                UPDATE inventory SET on_hand = on_hand - :q, reserved = reserved - :q, updated_at = :now
                WHERE location = :location AND sku = :sku""")
                .param("q", quantity)
                .param("now", now())
                .param("location", location)
                .param("sku", sku)
                .update();
    }

    /** Returned units back on hand; creates the row for a SKU the location did not stock. */
    void restock(String location, String sku, int quantity) {
        int updated = jdbc.sql("""
                UPDATE inventory SET on_hand = on_hand + :q, updated_at = :now
                WHERE location = :location AND sku = :sku""")
                .param("q", quantity)
                .param("now", now())
                .param("location", location)
                .param("sku", sku)
                .update();
        if (updated == 0) {
            insert(location, sku, quantity);
        }
    }

    /** Sets what is on hand (an inventory update); creates the row for a new SKU. */
    void setOnHand(String location, String sku, int onHand) {
        int updated = jdbc.sql(
                        "UPDATE inventory SET on_hand = :q, updated_at = :now WHERE location = :location AND sku = :sku")
                .param("q", onHand)
                .param("now", now())
                .param("location", location)
                .param("sku", sku)
                .update();
        if (updated == 0) {
            insert(location, sku, onHand);
        }
    }

    /** Seeds a row only where none exists yet (first start of the sandbox). */
    void seed(String location, String sku, int onHand) {
        Integer existing = jdbc.sql("SELECT COUNT(*) FROM inventory WHERE location = :location AND sku = :sku")
                .param("location", location)
                .param("sku", sku)
                .query(Integer.class)
                .single();
        if (existing == 0) {
            insert(location, sku, onHand);
        }
    }

    private void insert(String location, String sku, int onHand) {
        jdbc.sql(
                        "INSERT INTO inventory (location, sku, on_hand, reserved, updated_at) VALUES (:location, :sku, :q, 0, :now)")
                .param("location", location)
                .param("sku", sku)
                .param("q", onHand)
                .param("now", now())
                .update();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
