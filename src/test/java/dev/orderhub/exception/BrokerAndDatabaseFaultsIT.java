package dev.orderhub.exception;

import static dev.orderhub.exception.FaultKit.DEAD_LETTER_HEADERS;
import static dev.orderhub.exception.FaultKit.DLQ;
import static dev.orderhub.exception.FaultKit.IN;
import static dev.orderhub.exception.FaultKit.RUN;
import static dev.orderhub.exception.FaultKit.exception;
import static dev.orderhub.exception.FaultKit.exceptionsOfRun;
import static dev.orderhub.exception.FaultKit.historyActions;
import static dev.orderhub.exception.FaultKit.json;
import static dev.orderhub.exception.FaultKit.newExternalId;
import static dev.orderhub.exception.FaultKit.newRun;
import static dev.orderhub.exception.FaultKit.orderCount;
import static dev.orderhub.exception.FaultKit.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.JmsMessages;
import dev.orderhub.support.Postgres;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Infrastructure faults against the shared test hub, injected from outside through PostgreSQL itself
 * (a second JDBC session), so that no other test class notices:
 * <ul>
 * <li>the database unavailable for a moment: the orders table locked (every intake waits), and the hub's blocked
 * connections terminated (connection loss mid-intake: the JMS transaction rolls back and the broker redelivers);
 * <li>a message that always fails transiently: its insert blocked by a conflicting uncommitted row and cancelled
 * on every delivery, until the last delivery records it and dead-letters it; replayed after the fix (the row
 * released) it becomes the order;
 * <li>a lifecycle step meeting a lock conflict (its stock row locked, the wait cancelled): the order is held with
 * a transient exception, and a retry after the fix resolves it and releases the order.
 * </ul>
 * The broker restarted while messages are in flight is not injected: stopping the embedded broker of the shared
 * context would break every other test class; BrokerRestartIT restarts a broker of its own instead.
 */
@HubTest
class BrokerAndDatabaseFaultsIT {
    private static final String ROUTE = "channel-jms-canonical";
    /** The intake's statements on orders: the lookup by key and the insert (pipeline updates do not name the key). */
    private static final String INTAKE_STATEMENT = "position('external_order_id' in a.query) > 0"
            + " AND (a.query ILIKE 'select%' OR a.query ILIKE 'insert%')";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    FaultKit.Jms jms;
    HubClient hub;
    final List<String> runs = new ArrayList<>();

    @BeforeEach
    void connect() throws JMSException {
        jms = new FaultKit.Jms(environment.getRequiredProperty("orderhub.broker.port", Integer.class));
        hub = new HubClient(port);
    }

    @AfterEach
    void disconnect() throws JMSException {
        try {
            for (String run : runs) {
                jms.drain(DLQ, run);
            }
        } finally {
            jms.close();
        }
    }

    /** A second PostgreSQL session that injects the fault; it can never hold its locks for more than 60 s. */
    private static Connection injector() throws SQLException {
        Connection db = DriverManager.getConnection(Postgres.jdbcUrl());
        try (Statement s = db.createStatement()) {
            s.execute("SET application_name = 'orderhub-fault-injector'");
            s.execute("SET lock_timeout = '15s'");
            s.execute("SET idle_in_transaction_session_timeout = '60s'");
        }
        db.setAutoCommit(false);
        return db;
    }

    private static int pid(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The hub's intake statements now waiting on a lock that {@code holder} holds. */
    private static List<Integer> blockedIntake(Connection observer, int holder) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement s = observer.prepareStatement("SELECT a.pid FROM pg_stat_activity a"
                + " WHERE ? = ANY(pg_blocking_pids(a.pid)) AND " + INTAKE_STATEMENT)) {
            s.setInt(1, holder);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    /** Every statement now waiting on a lock that {@code holder} holds. */
    private static List<Integer> blockedBy(Connection observer, int holder) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement s = observer.prepareStatement(
                "SELECT a.pid FROM pg_stat_activity a WHERE ? = ANY(pg_blocking_pids(a.pid))")) {
            s.setInt(1, holder);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    private static void signal(Connection observer, String function, List<Integer> pids) throws SQLException {
        try (PreparedStatement s = observer.prepareStatement("SELECT " + function + "(?)")) {
            for (int pid : pids) {
                s.setInt(1, pid);
                s.execute();
            }
        }
    }

    private static Connection observer() throws SQLException {
        return DriverManager.getConnection(Postgres.jdbcUrl());
    }

    private List<String> sendOrders(String run, int n) throws JMSException {
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = newExternalId("DB-FAULT");
            ids.add(id);
            bodies.add(FaultKit.order(id));
        }
        jms.sendBatch(bodies, run);
        return ids;
    }

    private void assertEveryMessageIsExactlyOneOrderAndNothingFailed(String run, Instant start, List<String> ids)
            throws JMSException {
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).until(() -> orderCount(hub, id) > 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(IN, run) == 0);
        SoftAssertions soft = new SoftAssertions();
        for (String id : ids) {
            soft.assertThat(orderCount(hub, id)).as("orders for %s", id).isEqualTo(1);
        }
        soft.assertThat(exceptionsOfRun(hub, run, start))
                .as("process exceptions of the run")
                .isEmpty();
        soft.assertThat(jms.browse(DLQ, run)).as("dead letters of the run").isZero();
        soft.assertAll();
    }

    @Test
    void ordersTableLockedForAMomentDelaysIntakeAndLosesNothing() throws Exception {
        String run = newRun();
        runs.add(run);
        Instant start = Instant.now();
        int consumers = environment.getProperty("orderhub.jms.consumers", Integer.class, 2);
        List<String> ids;
        try (Connection lock = injector();
                Connection observer = observer()) {
            int holder = pid(lock);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            }
            try {
                ids = sendOrders(run, 10);
                // every consumer is stuck on the locked table with a message in flight
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> blockedIntake(observer, holder).size() >= consumers);
            } finally {
                lock.rollback();
            }
        }
        assertEveryMessageIsExactlyOneOrderAndNothingFailed(run, start, ids);
    }

    @Test
    void databaseConnectionsDroppedMidIntakeAreRolledBackRedeliveredAndLoseNothing() throws Exception {
        String run = newRun();
        runs.add(run);
        Instant start = Instant.now();
        int consumers = environment.getProperty("orderhub.jms.consumers", Integer.class, 2);
        NotifyBuilder rolledBack = new NotifyBuilder(camel)
                .fromRoute(ROUTE)
                .filter(e -> run.equals(e.getMessage().getHeader(RUN, String.class)))
                .whenFailed(1)
                .create();
        List<String> ids;
        try (Connection lock = injector();
                Connection observer = observer()) {
            int holder = pid(lock);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            }
            try {
                ids = sendOrders(run, 10);
                List<Integer> terminated = await().atMost(Duration.ofSeconds(20))
                        .until(() -> blockedIntake(observer, holder), pids -> pids.size() >= consumers);
                // the database drops the hub's connections in the middle of the intake
                signal(observer, "pg_terminate_backend", terminated);
                // the hub comes back on fresh connections (and the redelivered messages wait again)
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> blockedIntake(observer, holder),
                                pids -> !pids.isEmpty() && pids.stream().noneMatch(terminated::contains));
            } finally {
                lock.rollback();
            }
        }
        assertThat(rolledBack.matches(30, TimeUnit.SECONDS))
                .as("a JMS transaction rolled back")
                .isTrue();
        assertEveryMessageIsExactlyOneOrderAndNothingFailed(run, start, ids);
    }

    @Test
    void messageFailingTransientlyOnEveryDeliveryIsDeadLetteredOnTheLastAndReplayedAfterTheFix() throws Exception {
        String run = newRun();
        runs.add(run);
        Instant start = Instant.now();
        int maxDeliveries = environment.getRequiredProperty("orderhub.broker.max-delivery-attempts", Integer.class);
        String externalId = newExternalId("DB-ALWAYS");
        String body = FaultKit.order(externalId);
        List<Integer> cancelled = new ArrayList<>();
        List<Instant> cancelledAt = new ArrayList<>();
        try (Connection conflict = injector();
                Connection observer = observer()) {
            int holder = pid(conflict);
            // an uncommitted row with the same idempotency key: the hub's insert waits on it
            try (PreparedStatement s = conflict.prepareStatement("INSERT INTO orders (id, channel, external_order_id,"
                    + " status, currency, document, version, created_at, updated_at) VALUES (?, ?, ?, 'RECEIVED',"
                    + " 'USD', '{}', 0, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                s.setString(1, "f-" + UUID.randomUUID());
                s.setString(2, FaultKit.CHANNEL);
                s.setString(3, externalId);
                s.setTimestamp(4, now);
                s.setTimestamp(5, now);
                s.executeUpdate();
            }
            try {
                jms.send(body, run);
                // every delivery: the insert waits, and is cancelled (a lock timeout, as the hub would see one)
                for (int delivery = 1; delivery <= maxDeliveries; delivery++) {
                    List<Integer> blocked = await().atMost(Duration.ofSeconds(30))
                            .until(() -> blockedIntake(observer, holder), pids -> !pids.isEmpty());
                    assertThat(blocked).as("delivery %d", delivery).hasSize(1);
                    signal(observer, "pg_cancel_backend", blocked);
                    cancelled.add(blocked.get(0));
                    cancelledAt.add(Instant.now());
                    // the next delivery comes after a redelivery delay: see this one end, so it is not counted twice
                    await().atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(10))
                            .until(() -> Collections.disjoint(blockedIntake(observer, holder), blocked));
                }
                JsonNode pe = await().atMost(Duration.ofSeconds(30))
                        .until(() -> exceptionsOfRun(hub, run, start), found -> !found.isEmpty())
                        .get(0);
                Message dead = await().atMost(Duration.ofSeconds(10))
                        .until(() -> jms.peek(DLQ, run), found -> !found.isEmpty())
                        .get(0);

                SoftAssertions soft = new SoftAssertions();
                soft.assertThat(pe.path("attempts").asInt()).as("attempts").isEqualTo(maxDeliveries);
                soft.assertThat(pe.path("transientFailure").asBoolean())
                        .as("transient")
                        .isTrue();
                soft.assertThat(pe.path("status").asString()).isEqualTo("NEW");
                soft.assertThat(pe.path("source").path("routeId").asString()).isEqualTo(ROUTE);
                soft.assertThat(pe.path("original").path("body").asString()).isEqualTo(body);
                // the first failure was the first delivery's, not the last one's (which came seconds later)
                soft.assertThat(Instant.parse(pe.path("firstFailure").asString()))
                        .as("firstFailure (deliveries " + "failed at %s)", cancelledAt)
                        .isBefore(cancelledAt.get(1));
                soft.assertThat(Instant.parse(dead.getStringProperty("orderhubFirstFailure")))
                        .as("orderhubFirstFailure (deliveries failed at %s)", cancelledAt)
                        .isBefore(cancelledAt.get(1));
                for (String header : DEAD_LETTER_HEADERS) {
                    soft.assertThat(dead.getObjectProperty(header)).as(header).isInstanceOf(String.class);
                }
                soft.assertThat(dead.getStringProperty("orderhubAttempts")).isEqualTo(String.valueOf(maxDeliveries));
                soft.assertThat(dead.getStringProperty("orderhubPeNumber"))
                        .isEqualTo(pe.path("number").asString());
                soft.assertThat(JmsMessages.body(dead)).isEqualTo(body);
                soft.assertThat(orderCountDirect(observer, externalId))
                        .as("only the injector's uncommitted row")
                        .isZero();
                soft.assertAll();
                // after the last delivery the message is gone from the input queue and nothing waits any more
                assertThat(jms.browse(IN, run)).isZero();
                assertThat(blockedIntake(observer, holder)).isEmpty();
            } finally {
                conflict.rollback(); // the fix
            }
        }

        // replay after the fix: the stored original goes back to its queue and becomes the order
        List<JsonNode> exceptions = exceptionsOfRun(hub, run, start);
        assertThat(exceptions).hasSize(1);
        String number = exceptions.get(0).path("number").asString();
        json(FaultKit.act(hub, number, "retry", "database back"), 202);
        String orderId = await().atMost(Duration.ofSeconds(30))
                .until(() -> orderId(hub, externalId).orElse(null), id -> id != null);
        JsonNode resolved = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        assertThat(historyActions(resolved)).containsSubsequence("CREATED", "RETRIED", "RESOLVED");
        assertThat(orderCount(hub, externalId)).isEqualTo(1);
        assertThat(FaultKit.order(hub, orderId).path("externalOrderId").asString())
                .isEqualTo(externalId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jms.browse(DLQ, run) == 1);
        assertThat(cancelled).hasSize(maxDeliveries);
    }

    /**
     * A lifecycle step that meets a lock conflict (its stock row locked, the wait cancelled) holds the order with
     * a transient exception; retried once the lock is gone, the step goes through, the exception is resolved and
     * the order runs on to CLOSED.
     */
    @Test
    void stepFailingOnALockConflictHoldsTheOrderAndARetryAfterTheFixResolvesAndReleasesIt() throws Exception {
        String sku = "FAULT-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId;
        try (Connection observer = observer();
                Connection lock = injector()) {
            try (PreparedStatement stock = observer.prepareStatement("INSERT INTO inventory (location, sku, on_hand,"
                    + " reserved, updated_at) VALUES ('WH-EAST', ?, 10, 0, ?)")) {
                stock.setString(1, sku);
                stock.setTimestamp(2, Timestamp.from(Instant.now()));
                stock.executeUpdate();
            }
            int holder = pid(lock);
            try (PreparedStatement s = lock.prepareStatement("SELECT * FROM inventory WHERE sku = ? FOR UPDATE")) {
                s.setString(1, sku);
                s.executeQuery().close();
            }
            try {
                String body = FaultKit.order(newExternalId("DB-STEP")).replace("\"DRILL-18V\"", "\"" + sku + "\"");
                assertThat(body).contains(sku);
                orderId = FaultKit.submit(hub, body);
                // allocation waits on the locked stock row: cancel the wait (a lock timeout) until the order is held
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    signal(observer, "pg_cancel_backend", blockedBy(observer, holder));
                    return "ON_HOLD".equals(FaultKit.status(hub, orderId));
                });
            } finally {
                lock.rollback(); // the fix
            }
        }
        List<JsonNode> held = FaultKit.exceptionsOf(hub, orderId);
        assertThat(held).hasSize(1);
        String number = held.get(0).path("number").asString();
        JsonNode pe = exception(hub, number);
        assertThat(pe.path("failedStep").asString()).isEqualTo("lifecycle-allocate");
        assertThat(pe.path("category").asString()).isEqualTo("FULFILLMENT");
        assertThat(pe.path("transientFailure").asBoolean()).isTrue();
        assertThat(pe.path("attachedTo").path("id").asString()).isEqualTo(orderId);

        JsonNode answered = json(FaultKit.act(hub, number, "retry", "stock row free again"), 202);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(answered.path("status").asString())
                .as("status after a retry that went through")
                .isEqualTo("RESOLVED");
        soft.assertThat(answered.path("attempts").asInt()).as("attempts").isEqualTo(2);
        soft.assertThat(historyActions(answered)).containsSubsequence("CREATED", "RETRIED", "RESOLVED");
        soft.assertAll();
        String finalStatus = await().atMost(Duration.ofSeconds(60))
                .until(() -> FaultKit.status(hub, orderId), st -> st.equals("CLOSED") || st.equals("ON_HOLD"));
        assertThat(finalStatus).as("the released order runs on").isEqualTo("CLOSED");
        assertThat(FaultKit.exceptionsOf(hub, orderId)).hasSize(1);
        assertThat(FaultKit.order(hub, orderId).path("activeProcessExceptions")).isEmpty();
    }

    private static long orderCountDirect(Connection observer, String externalId) throws SQLException {
        try (PreparedStatement s =
                observer.prepareStatement("SELECT COUNT(*) FROM orders WHERE channel = ? AND external_order_id = ?")) {
            s.setString(1, FaultKit.CHANNEL);
            s.setString(2, externalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
