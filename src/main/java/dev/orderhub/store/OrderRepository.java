package dev.orderhub.store;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.lifecycle.PipelineStep;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.Payment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Orders as JSON documents with their searchable columns and a row per line; row version for optimistic locking. */
@Repository
class OrderRepository {
    private static final int PARSED_ORDERS = 2_000;
    /** The state columns read over an order's document. */
    private static final String STATE = "payment, status, held_from, active_exceptions, version, updated_at";

    /** The quantities a line's life changes, in the order of their columns. */
    private static final List<ToIntFunction<LineQuantities>> CHANGING = List.of(
            LineQuantities::canceled,
            LineQuantities::allocated,
            LineQuantities::fulfilled,
            LineQuantities::returnInitiated,
            LineQuantities::returned,
            LineQuantities::reshipped);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final Database database;
    /** Orders parsed lately, each at the committed version it was read or written at (least recently used go). */
    private final Map<String, Order> parsed = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > PARSED_ORDERS;
        }
    });

    OrderRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, Database database) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.database = database;
    }

    /** Inserts a new order; a second one with the same channel and external id fails on the unique constraint. */
    void insert(Order order) {
        withState(jdbc.sql("""
                INSERT INTO orders (id, channel, external_order_id, status, currency, document, version, created_at, updated_at,
                                    account_id, grand_total, payment_method, source_kind, held_from, active_exceptions, payment)
                VALUES (:id, :channel, :ext, :status, :currency, :document, :version, :created, :updated,
                        :account, :total, :method, :kind, :held, :exceptions, :payment)"""), order)
                .param("kind", order.source() == null ? null : order.source().kind())
                .param(
                        "account",
                        order.account() == null ? null : order.account().accountId())
                .param("total", order.totals().grandTotal())
                .param("method", order.payment().method().name())
                .param("id", order.id())
                .param("channel", order.channel())
                .param("ext", order.externalOrderId())
                .param("status", order.status().name())
                .param("currency", order.currency())
                .param("document", json.writeValueAsString(order))
                .param("version", order.version())
                .param("created", Timestamp.from(order.createdAt()))
                .param("updated", Timestamp.from(order.updatedAt()))
                .update();
        remember(order, true);
        insertLines(order);
    }

    /** An order's lines: one statement over arrays on PostgreSQL, a batch on H2. */
    private void insertLines(Order order) {
        List<OrderLine> lines = order.lines();
        if (database.writesArrays()) {
            template.update(c -> {
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO order_lines (order_id, line_id, sku, ordered, canceled, allocated, fulfilled, return_initiated,
                                                 returned, reshipped)
                        SELECT ?, l.* FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[],
                                                  ?::int[], ?::int[])
                            AS l(line_id, sku, ordered, canceled, allocated, fulfilled, return_initiated, returned, reshipped)""");
                insert.setString(1, order.id());
                insert.setArray(
                        2,
                        Database.text(c, lines.stream().map(OrderLine::lineId).toList()));
                insert.setArray(
                        3, Database.text(c, lines.stream().map(OrderLine::sku).toList()));
                insert.setArray(4, quantities(c, lines, LineQuantities::ordered));
                setChangingQuantities(insert, 5, c, lines);
                return insert;
            });
            return;
        }
        template.batchUpdate("""
                INSERT INTO order_lines (order_id, line_id, sku, ordered, canceled, allocated, fulfilled, return_initiated, returned,
                                         reshipped)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lines, lines.size(), (ps, line) -> {
            ps.setString(1, order.id());
            ps.setString(2, line.lineId());
            ps.setString(3, line.sku());
            ps.setInt(4, line.quantities().ordered());
            for (int i = 0; i < CHANGING.size(); i++) {
                ps.setInt(5 + i, CHANGING.get(i).applyAsInt(line.quantities()));
            }
        });
    }

    private static Array quantities(Connection c, List<OrderLine> lines, ToIntFunction<LineQuantities> quantity)
            throws SQLException {
        return Database.integers(
                c, lines.stream().map(l -> quantity.applyAsInt(l.quantities())).toList());
    }

    /** Sets the arrays of {@link #CHANGING} from parameter {@code at} on. */
    private static void setChangingQuantities(PreparedStatement statement, int at, Connection c, List<OrderLine> lines)
            throws SQLException {
        for (int i = 0; i < CHANGING.size(); i++) {
            statement.setArray(at + i, quantities(c, lines, CHANGING.get(i)));
        }
    }

    /**
     * Writes a changed order if nobody else changed it since it was read at {@code order.version() - 1}: its state
     * columns always, its document only when more than its state changed ({@link Order#withoutState()}), and the
     * lines whose quantities changed.
     */
    void update(Order before, Order order, List<OrderLine> changedLines) {
        boolean documentChanged = !order.withoutState().equals(before.withoutState());
        var update = withState(
                        jdbc.sql("""
                UPDATE orders SET status = :status, held_from = :held, active_exceptions = :exceptions,
                                  payment = :payment, version = :version, updated_at = :updated, grand_total = :total"""
                                + (documentChanged ? ", document = :document" : "")
                                + " WHERE id = :id AND version = :expected"),
                        order)
                .param("total", order.totals().grandTotal())
                .param("status", order.status().name())
                .param("version", order.version())
                .param("updated", Timestamp.from(order.updatedAt()))
                .param("id", order.id())
                .param("expected", order.version() - 1);
        if (documentChanged) {
            update = update.param("document", json.writeValueAsString(order));
        }
        int rows = update.update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("order " + order.id() + " was changed concurrently");
        }
        remember(order, true);
        updateLines(order.id(), changedLines);
    }

    /** The quantities of an order's changed lines: one statement over arrays on PostgreSQL, a batch on H2. */
    private void updateLines(String orderId, List<OrderLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (database.writesArrays()) {
            template.update(c -> {
                PreparedStatement update = c.prepareStatement("""
                        UPDATE order_lines AS l SET canceled = q.canceled, allocated = q.allocated, fulfilled = q.fulfilled,
                               return_initiated = q.return_initiated, returned = q.returned, reshipped = q.reshipped
                        FROM unnest(?::varchar[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])
                            AS q(line_id, canceled, allocated, fulfilled, return_initiated, returned, reshipped)
                        WHERE l.order_id = ? AND l.line_id = q.line_id""");
                update.setArray(
                        1,
                        Database.text(c, lines.stream().map(OrderLine::lineId).toList()));
                setChangingQuantities(update, 2, c, lines);
                update.setString(2 + CHANGING.size(), orderId);
                return update;
            });
            return;
        }
        template.batchUpdate("""
                UPDATE order_lines SET canceled = ?, allocated = ?, fulfilled = ?, return_initiated = ?, returned = ?,
                                       reshipped = ?
                WHERE order_id = ? AND line_id = ?""", lines, lines.size(), (ps, line) -> {
            for (int i = 0; i < CHANGING.size(); i++) {
                ps.setInt(1 + i, CHANGING.get(i).applyAsInt(line.quantities()));
            }
            ps.setString(7, orderId);
            ps.setString(8, line.lineId());
        });
    }

    /** The state columns' parameters (:held, :exceptions, :payment) of a statement that writes an order. */
    private JdbcClient.StatementSpec withState(JdbcClient.StatementSpec statement, Order order) {
        return statement
                .param(
                        "held",
                        order.heldFrom() == null ? null : order.heldFrom().name())
                .param("exceptions", order.activeProcessExceptions())
                .param("payment", json.writeValueAsString(order.payment()));
    }

    Optional<Order> findById(String id) {
        return read(id, "");
    }

    /** An order's stored status; one this transaction holds under its row lock is known without asking. */
    Optional<String> status(String id) {
        Order held = heldHere(id);
        if (held != null) {
            return Optional.of(held.status().name());
        }
        return jdbc.sql("SELECT status FROM orders WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Reads an order and locks its row until the transaction ends: changes of one order queue up, never conflict. */
    Optional<Order> lock(String id) {
        return read(id, " FOR UPDATE");
    }

    /**
     * Reads an order, its document parsed only when the version stored differs from the one parsed last (a version
     * never changes): each step of an order's pipeline reads it again, and parsing it was a good part of every
     * change's cost. An order this transaction holds under its row lock (locked or written here) is not read at all:
     * nobody else can change its row before this transaction ends.
     */
    private Optional<Order> read(String id, String lock) {
        KnownHere here = thisTransaction();
        if (here != null && here.held.contains(id)) {
            return Optional.of(here.known.get(id));
        }
        Order known = here != null && here.known.containsKey(id) ? here.known.get(id) : parsed.get(id);
        long knownVersion = known == null ? -1 : known.version();
        return jdbc.sql("SELECT CASE WHEN version = :known THEN NULL ELSE document END AS document, " + STATE
                        + " FROM orders WHERE id = :id" + lock)
                .param("known", knownVersion)
                .param("id", id)
                .query((rs, n) -> rs.getString("document") == null ? known : stored(rs))
                .optional()
                .map(order -> remember(
                        order == known ? known : withQuantities(List.of(order)).get(0), !lock.isEmpty()));
    }

    /** The order as this transaction left it, when it holds the order's row lock; null otherwise. */
    private Order heldHere(String id) {
        KnownHere here = thisTransaction();
        return here != null && here.held.contains(id) ? here.known.get(id) : null;
    }

    /**
     * An order as its row stores it: the document, with the state columns over it (a row written before they
     * existed, whose payment column is empty, has all of it in its document). Line quantities come from {@link
     * #withQuantities}.
     */
    private Order stored(ResultSet row) throws SQLException {
        Order document = json.readValue(row.getString("document"), Order.class);
        String payment = row.getString("payment");
        if (payment == null) {
            return document;
        }
        String held = row.getString("held_from");
        OrderState state = new OrderState(
                document.id(),
                OrderStatus.valueOf(row.getString("status")),
                held == null ? null : OrderStatus.valueOf(held),
                row.getInt("active_exceptions"),
                document.state().lines());
        return document.withState(state)
                .withPayment(json.readValue(payment, Payment.class))
                .withStored(
                        document.id(),
                        row.getLong("version"),
                        document.createdAt(),
                        row.getTimestamp("updated_at").toInstant());
    }

    /**
     * The orders with the line quantities of their order_lines rows, read in one query (a line's reships from its
     * document while its row has none: last written before the column existed).
     */
    private List<Order> withQuantities(List<Order> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<String, OrderState> states = new HashMap<>();
        orders.forEach(o -> states.put(o.id(), o.state()));
        Map<String, Map<String, LineQuantities>> quantities = new HashMap<>();
        jdbc.sql("""
                SELECT order_id, line_id, ordered, canceled, allocated, fulfilled, return_initiated, returned, reshipped
                FROM order_lines WHERE order_id IN (:ids)""").param("ids", states.keySet()).query(rs -> {
            String orderId = rs.getString(1);
            String lineId = rs.getString(2);
            Integer reshipped = rs.getObject(9, Integer.class);
            LineQuantities documented = states.get(orderId).lines().get(lineId);
            quantities
                    .computeIfAbsent(orderId, k -> new HashMap<>())
                    .put(
                            lineId,
                            new LineQuantities(
                                    rs.getInt(3),
                                    rs.getInt(4),
                                    rs.getInt(5),
                                    rs.getInt(6),
                                    rs.getInt(7),
                                    rs.getInt(8),
                                    reshipped != null ? reshipped : documented != null ? documented.reshipped() : 0));
        });
        return orders.stream()
                .map(order -> {
                    OrderState state = states.get(order.id());
                    Map<String, LineQuantities> lines = new LinkedHashMap<>(state.lines());
                    lines.putAll(quantities.getOrDefault(order.id(), Map.of()));
                    return order.withState(new OrderState(
                            order.id(), state.status(), state.heldFrom(), state.activeExceptions(), lines));
                })
                .toList();
    }

    /**
     * Keeps a parsed order for the next read once its version is committed (a version written by a transaction that
     * then rolls back is never kept: another transaction may write that version number with other content); {@code
     * held} when this transaction holds its row lock (it locked or wrote the row).
     */
    private Order remember(Order order, boolean held) {
        KnownHere here = thisTransaction();
        if (here == null) {
            parsed.put(order.id(), order);
        } else {
            here.known.put(order.id(), order);
            if (held) {
                here.held.add(order.id());
            }
        }
        return order;
    }

    /**
     * The orders this transaction read or wrote, each at the version it knows: a later read in the same transaction
     * (steps in one transaction read an order each) parses nothing while the row still has that version, which only
     * this transaction can see before it commits, and reads nothing of an order whose row lock it holds. Kept for
     * every reader once the transaction commits.
     */
    private final class KnownHere implements TransactionSynchronization {
        private final Map<String, Order> known = new HashMap<>();
        private final Set<String> held = new HashSet<>();

        @Override
        public void afterCommit() {
            parsed.putAll(known);
        }
    }

    /** This transaction's {@link KnownHere}, made on first use; null outside a transaction. */
    private KnownHere thisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof KnownHere here) {
                return here;
            }
        }
        KnownHere here = new KnownHere();
        TransactionSynchronizationManager.registerSynchronization(here);
        return here;
    }

    Optional<Order> findByKey(String channel, String externalOrderId) {
        return jdbc.sql("SELECT document, " + STATE
                        + " FROM orders WHERE channel = :channel AND external_order_id = :ext")
                .param("channel", channel)
                .param("ext", externalOrderId)
                .query((rs, n) -> stored(rs))
                .optional()
                .map(order -> withQuantities(List.of(order)).get(0));
    }

    List<Order> list(OrderQuery query) {
        StringBuilder sql = new StringBuilder("SELECT document, " + STATE + " FROM orders");
        List<Object> args = where(query, sql);
        sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
        args.add(query.size());
        args.add((long) query.page() * query.size());
        return withQuantities(template.query(sql.toString(), (rs, n) -> stored(rs), args.toArray()));
    }

    long count(OrderQuery query) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM orders");
        List<Object> args = where(query, sql);
        Long total = template.queryForObject(sql.toString(), Long.class, args.toArray());
        return total == null ? 0 : total;
    }

    /** The version of the order whose change last noted its backorder, if one did. */
    Optional<Long> backorderNotedVersion(String id) {
        return jdbc.sql("SELECT backorder_noted_version FROM orders WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> rs.getObject(1, Long.class))
                .optional();
    }

    void backorderNoted(String id, long version) {
        jdbc.sql("UPDATE orders SET backorder_noted_version = :version WHERE id = :id")
                .param("version", version)
                .param("id", id)
                .update();
    }

    /** Idle orders, the ones swept least recently (never first) first, so that every idle order gets its turn. */
    List<String> idleIn(Collection<OrderStatus> statuses, Timestamp before, int limit) {
        return jdbc.sql("""
                SELECT id FROM orders WHERE status IN (:statuses) AND updated_at < :before
                ORDER BY swept_at NULLS FIRST, updated_at LIMIT :limit""")
                .param("statuses", names(statuses))
                .param("before", before)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    void markSwept(Collection<String> ids, Timestamp at) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE orders SET swept_at = :at WHERE id IN (:ids)")
                    .param("at", at)
                    .param("ids", ids)
                    .update();
        }
    }

    /** Orders with quantity of this SKU still to allocate, in a status that allocates, oldest first. */
    List<String> backorderedFor(String sku, int limit) {
        return jdbc.sql("""
                SELECT DISTINCT o.id, o.created_at FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE l.sku = :sku AND l.ordered - l.canceled - l.allocated > 0
                  AND o.status IN (:statuses)
                ORDER BY o.created_at LIMIT :limit""")
                .param("sku", sku)
                .param("statuses", names(Lifecycle.statusesActedOn(PipelineStep.ALLOCATE)))
                .param("limit", limit)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    private static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static List<Object> where(OrderQuery query, StringBuilder sql) {
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.channel() != null) {
            conditions.add("channel = ?");
            args.add(query.channel());
        }
        if (query.externalOrderId() != null) {
            conditions.add("external_order_id = ?");
            args.add(query.externalOrderId());
        }
        if (query.status() != null) {
            conditions.add("status = ?");
            args.add(query.status());
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return args;
    }
}
