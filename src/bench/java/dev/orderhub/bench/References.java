package dev.orderhub.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two references, on the hub's own PostgreSQL and Artemis: a bare pipe (a minimal transacted Camel JMS route
 * in the hub's CamelContext that parses each order and inserts one row, committed before the JMS ack) and the
 * database limit (the same orders and their lines by plain batched JDBC).
 */
final class References {
    static final String PIPE_QUEUE = "orderhub.bench.bare-pipe";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private References() {}

    /**
     * Orders per second through the bare pipe, from the first send to the last row inserted: measured {@code runs}
     * times in a row with the same messages (the table emptied between runs), the best run kept, every run listed.
     * The route's consumer is the hub's JMS intake's ({@code channel-jms-canonical}): transacted, CACHE_CONSUMER,
     * {@code {{orderhub.jms.consumers}}} concurrent consumers, the same header filter, one transaction a message.
     */
    static Map<String, Object> barePipe(
            ConfigurableApplicationContext hub, Drivers drivers, List<byte[]> bodies, int runs, long timeoutNanos)
            throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(hub.getBean(DataSource.class));
        CamelContext camel = hub.getBean(CamelContext.class);
        AtomicInteger done = new AtomicInteger();
        // counted down once a message per order of the current run is in: the run waits on it, not on a clock
        AtomicReference<CountDownLatch> allIn = new AtomicReference<>(new CountDownLatch(0));
        AtomicLong last = new AtomicLong();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + PIPE_QUEUE + "?transacted=true&cacheLevelName=CACHE_CONSUMER"
                                + "&concurrentConsumers={{orderhub.jms.consumers}}"
                                + "&headerFilterStrategy=#jmsChannelHeaders")
                        .routeId("bench-bare-pipe")
                        .process(exchange -> {
                            byte[] body = exchange.getMessage().getBody(byte[].class);
                            JsonNode order = JSON.readTree(body);
                            jdbc.update(
                                    "INSERT INTO bench.pipe (channel, external_order_id, lines, document) "
                                            + "VALUES (?, ?, ?, ?)",
                                    order.path("channel").asString(),
                                    order.path("externalOrderId").asString(),
                                    order.path("lines").size(),
                                    new String(body, StandardCharsets.UTF_8));
                            done.incrementAndGet();
                            last.set(System.nanoTime());
                            allIn.get().countDown();
                        });
            }
        });
        try {
            List<Double> perSecond = new ArrayList<>();
            Map<String, Object> best = null;
            for (int run = 0; run < runs; run++) {
                jdbc.execute("TRUNCATE bench.pipe");
                done.set(0);
                allIn.set(new CountDownLatch(bodies.size()));
                long start = System.nanoTime();
                last.set(start);
                drivers.asHub(PIPE_QUEUE, bodies);
                allIn.get().await(timeoutNanos, TimeUnit.NANOSECONDS);
                double seconds = (last.get() - start) / 1e9;
                double rate = seconds <= 0 ? 0 : Phase.round(done.get() / seconds);
                perSecond.add(rate);
                System.out.println("bare pipe run " + (run + 1) + ": " + rate + " orders/s");
                if (best == null || rate > ((Number) best.get("perSecond")).doubleValue()) {
                    best = new LinkedHashMap<>();
                    best.put("perSecond", rate);
                    best.put("orders", done.get());
                    best.put("seconds", Phase.round(seconds));
                }
            }
            double min =
                    perSecond.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max =
                    perSecond.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            best.put("consumers", Integer.parseInt(camel.resolvePropertyPlaceholders("{{orderhub.jms.consumers}}")));
            best.put("cacheLevel", "CACHE_CONSUMER");
            best.put("runs", perSecond);
            best.put("spreadPercent", max <= 0 ? 0 : Phase.round((max - min) * 100 / max));
            return best;
        } finally {
            camel.getRouteController().stopRoute("bench-bare-pipe");
            camel.removeRoute("bench-bare-pipe");
        }
    }

    /** Orders per second by plain JDBC: orders and lines in batches of {@code batch} orders, one commit each. */
    static Map<String, Object> databaseLimit(String url, List<byte[]> bodies, int batch) throws Exception {
        record Line(String lineId, String sku, int quantity, String unitPrice) {}
        record Row(String id, String channel, String externalOrderId, String document, List<Line> lines) {}
        List<Row> rows = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            JsonNode order = JSON.readTree(body);
            List<Line> lines = new ArrayList<>();
            for (JsonNode l : order.path("lines")) {
                lines.add(new Line(
                        l.path("lineId").asString(),
                        l.path("sku").asString(),
                        l.path("quantity").asInt(),
                        l.path("unitPrice").asString()));
            }
            rows.add(new Row(
                    UUID.randomUUID().toString(),
                    order.path("channel").asString(),
                    order.path("externalOrderId").asString(),
                    new String(body, StandardCharsets.UTF_8),
                    lines));
        }
        int lineCount = rows.stream().mapToInt(r -> r.lines().size()).sum();
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement orders = c.prepareStatement(
                            "INSERT INTO bench.orders (id, channel, "
                                    + "external_order_id, status, currency, document, created_at) VALUES (?, ?, ?, 'RECEIVED', 'USD', ?, now())");
                    PreparedStatement lines =
                            c.prepareStatement("INSERT INTO bench.order_lines (order_id, line_id, sku, "
                                    + "quantity, unit_price) VALUES (?, ?, ?, ?, ?::numeric)")) {
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    orders.setString(1, row.id());
                    orders.setString(2, row.channel());
                    orders.setString(3, row.externalOrderId());
                    orders.setString(4, row.document());
                    orders.addBatch();
                    for (Line line : row.lines()) {
                        lines.setString(1, row.id());
                        lines.setString(2, line.lineId());
                        lines.setString(3, line.sku());
                        lines.setInt(4, line.quantity());
                        lines.setString(5, line.unitPrice());
                        lines.addBatch();
                    }
                    if ((i + 1) % batch == 0 || i == rows.size() - 1) {
                        orders.executeBatch();
                        lines.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE bench.order_lines, bench.orders");
            }
            c.commit();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("perSecond", Phase.round(rows.size() / seconds));
            figures.put("linesPerSecond", Phase.round(lineCount / seconds));
            figures.put("orders", rows.size());
            figures.put("ordersPerCommit", batch);
            figures.put("seconds", Math.round(seconds * 1000) / 1000.0);
            return figures;
        }
    }
}
