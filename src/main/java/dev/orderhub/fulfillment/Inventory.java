package dev.orderhub.fulfillment;

import dev.orderhub.store.Database;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Stock per location and SKU with its reservations; a reservation never exceeds what is on hand. */
@Repository
public class Inventory {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Database database;

    Inventory(JdbcClient jdbc, JdbcTemplate template, Database database) {
        this.jdbc = jdbc;
        this.template = template;
        this.database = database;
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
        // what this transaction reserves at its commit is no longer available to it
        StockChanges own = (StockChanges) TransactionSynchronizationManager.getResource(this);
        if (own != null) {
            own.byLocation.forEach((location, changes) -> changes.forEach((sku, change) -> {
                Map<String, Integer> there = byLocation.get(location);
                if (there != null && there.containsKey(sku)) {
                    there.put(sku, Math.max(0, there.get(sku) - change[0]));
                }
            }));
        }
        return byLocation;
    }

    /**
     * Reserves stock when the transaction commits: the stock rows every order shares are then locked only through
     * the commit, not through the rest of the step's writes. All of a transaction's reservations and shipments go
     * in one batch just before the commit, in (location, sku) order, so two transactions never lock them in
     * opposite orders. A reservation finds what the caller saw as available still there, or the whole transaction
     * fails with a {@link ConcurrencyFailureException} (a concurrent allocation took it first) and the step runs
     * again on fresh figures.
     */
    void reserveAtCommit(String location, String sku, int quantity) {
        pending().add(location, sku, quantity, 0);
    }

    /** Shipped stock leaves the shelf and its reservation, when the transaction commits (see reserveAtCommit). */
    void shipAtCommit(String location, String sku, int quantity) {
        pending().add(location, sku, 0, quantity);
    }

    private StockChanges pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("stock changed at commit outside a transaction");
        }
        StockChanges changes = (StockChanges) TransactionSynchronizationManager.getResource(this);
        if (changes == null) {
            StockChanges created = new StockChanges();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    apply(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Inventory.this);
                }
            });
            changes = created;
        }
        return changes;
    }

    /** A transaction's stock changes per (location, sku): reserved, then shipped. */
    private static final class StockChanges {
        private final TreeMap<String, TreeMap<String, int[]>> byLocation = new TreeMap<>();

        void add(String location, String sku, int reserve, int ship) {
            int[] change =
                    byLocation.computeIfAbsent(location, l -> new TreeMap<>()).computeIfAbsent(sku, k -> new int[2]);
            change[0] += reserve;
            change[1] += ship;
        }
    }

    private void apply(StockChanges changes) {
        changes.byLocation.forEach((location, skus) -> {
            Set<String> booked = database.writesArrays() ? bookAsArrays(location, skus) : bookAsBatch(location, skus);
            skus.keySet().stream()
                    .filter(sku -> !booked.contains(sku))
                    .findFirst()
                    .ifPresent(sku -> {
                        throw new ConcurrencyFailureException("stock of " + sku + " at " + location
                                + " was taken by a concurrent allocation before this one committed");
                    });
        });
    }

    /** One statement per SKU of a location, in SKU order; answers the SKUs booked. */
    private Set<String> bookAsBatch(String location, Map<String, int[]> skus) {
        Timestamp now = now();
        List<String> order = new ArrayList<>(skus.keySet());
        List<Object[]> rows = order.stream()
                .map(sku -> {
                    int[] move = skus.get(sku);
                    return new Object[] {move[0], move[1], move[1], now, location, sku, move[0], move[0]};
                })
                .toList();
        // a shipment takes its units off the shelf and out of their reservation; a reservation needs them free
        int[] updated = template.batchUpdate("""
                UPDATE inventory SET reserved = reserved + ? - ?, on_hand = on_hand - ?, updated_at = ?
                WHERE location = ? AND sku = ? AND (? = 0 OR on_hand - reserved >= ?)""", rows);
        Set<String> booked = new HashSet<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 1) {
                booked.add(order.get(i));
            }
        }
        return booked;
    }

    /**
     * Two statements for a location whatever the number of SKUs: its rows locked in SKU order (PostgreSQL locks the
     * rows of a sorted {@code FOR UPDATE} in that order, so two transactions never lock them in opposite orders), then
     * all of them booked by one statement over arrays; both find the rows by their key's index ({@code sku = ANY(…)}).
     * Answers the SKUs booked.
     */
    private Set<String> bookAsArrays(String location, Map<String, int[]> skus) {
        List<String> names = new ArrayList<>(skus.keySet());
        template.query(
                c -> {
                    PreparedStatement lock = c.prepareStatement("""
                            SELECT sku FROM inventory WHERE location = ? AND sku = ANY(?::varchar[])
                            ORDER BY sku FOR UPDATE""");
                    lock.setString(1, location);
                    lock.setArray(2, Database.text(c, names));
                    return lock;
                },
                rs -> {});
        Set<String> booked = new HashSet<>();
        template.query(
                c -> {
                    PreparedStatement book = c.prepareStatement("""
                            UPDATE inventory AS i SET reserved = i.reserved + m.reserve - m.ship, on_hand = i.on_hand - m.ship,
                                   updated_at = ?
                            FROM unnest(?::varchar[], ?::int[], ?::int[]) AS m(sku, reserve, ship)
                            WHERE i.location = ? AND i.sku = ANY(?::varchar[]) AND i.sku = m.sku
                              AND (m.reserve = 0 OR i.on_hand - i.reserved >= m.reserve)
                            RETURNING i.sku""");
                    book.setTimestamp(1, now());
                    book.setArray(2, Database.text(c, names));
                    book.setArray(
                            3,
                            Database.integers(
                                    c,
                                    names.stream().map(sku -> skus.get(sku)[0]).toList()));
                    book.setArray(
                            4,
                            Database.integers(
                                    c,
                                    names.stream().map(sku -> skus.get(sku)[1]).toList()));
                    book.setString(5, location);
                    book.setArray(6, Database.text(c, names));
                    return book;
                },
                rs -> {
                    booked.add(rs.getString(1));
                });
        return booked;
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

    /**
     * Seeds a row only where none exists yet (first start of the sandbox); two instances starting at once on one
     * database seed it once.
     */
    void seed(String location, String sku, int onHand) {
        jdbc.sql("""
                INSERT INTO inventory (location, sku, on_hand, reserved, updated_at) VALUES (:location, :sku, :q, 0, :now)
                ON CONFLICT DO NOTHING""")
                .param("location", location)
                .param("sku", sku)
                .param("q", onHand)
                .param("now", now())
                .update();
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
