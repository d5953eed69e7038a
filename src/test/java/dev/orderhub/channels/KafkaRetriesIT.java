package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.exceptionsAt;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * A Kafka record that fails transiently every time (its insert waits on a conflicting uncommitted row and the wait
 * is cancelled, as a lock timeout would) is tried {@code 1 + orderhub.kafka.max-redeliveries} times, then recorded
 * as a process exception and dead-lettered; the record behind it on its partition becomes its order.
 */
@HubTest
class KafkaRetriesIT {
    private static final String CHANNEL = "b2b-portal";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void aRecordFailingTransientlyEveryTimeEndsAsAnExceptionAfterBoundedRetriesAndThePartitionMovesOn()
            throws Exception {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        int tries = 1 + environment.getRequiredProperty("orderhub.kafka.max-redeliveries", Integer.class);
        String stuckId = unique("KAFKA-STUCK");
        String behindId = unique("KAFKA-BEHIND");
        int cancelled = 0;
        try (Connection conflict = injector();
                Connection observer = DriverManager.getConnection(Postgres.jdbcUrl());
                KafkaProducer<String, String> kafka = kafkaProducer()) {
            int holder = pid(conflict);
            // an uncommitted row with the record's idempotency key: the hub's insert waits on it
            try (PreparedStatement s = conflict.prepareStatement("INSERT INTO orders (id, channel, external_order_id,"
                    + " status, currency, document, version, created_at, updated_at) VALUES (?, ?, ?, 'RECEIVED',"
                    + " 'USD', '{}', 0, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                s.setString(1, "f-" + UUID.randomUUID());
                s.setString(2, CHANNEL);
                s.setString(3, stuckId);
                s.setTimestamp(4, now);
                s.setTimestamp(5, now);
                s.executeUpdate();
            }
            try {
                RecordMetadata stuck = kafka.send(
                                new ProducerRecord<>("orderhub.orders.in", 1, stuckId, order(stuckId)))
                        .get(30, TimeUnit.SECONDS);
                kafka.send(new ProducerRecord<>("orderhub.orders.in", 1, behindId, order(behindId)))
                        .get(30, TimeUnit.SECONDS);
                String position = "topic orderhub.orders.in partition 1 offset " + stuck.offset();
                // every try: the insert waits and is cancelled; after the last one the record is recorded
                while (exceptionsAt(hub, start, position).isEmpty()) {
                    assertThat(cancelled).as("tries so far").isLessThanOrEqualTo(tries);
                    List<Integer> blocked = await("try " + (cancelled + 1))
                            .atMost(Duration.ofSeconds(60))
                            .until(
                                    () -> blockedBy(observer, holder),
                                    pids -> !pids.isEmpty()
                                            || !exceptionsAt(hub, start, position)
                                                    .isEmpty());
                    if (!blocked.isEmpty()) {
                        signal(observer, blocked);
                        cancelled++;
                        // the next try comes after a redelivery delay: see this one end, so it is not counted twice
                        await("try " + cancelled + " cancelled")
                                .atMost(Duration.ofSeconds(10))
                                .pollInterval(Duration.ofMillis(10))
                                .until(() -> Collections.disjoint(blockedBy(observer, holder), blocked));
                    }
                }
                assertThat(cancelled).as("tries of the record").isEqualTo(tries);
                JsonNode pe = exception(
                        hub,
                        exceptionsAt(hub, start, position).get(0).path("number").asString());
                assertThat(pe.path("transientFailure").asBoolean()).isTrue();
                assertThat(pe.path("source").path("kind").asString()).isEqualTo("kafka");
                assertThat(pe.path("original").path("body").asString()).isEqualTo(order(stuckId));

                // the partition moved on
                awaitOrder(hub, CHANNEL, behindId);
                assertThat(blockedBy(observer, holder)).isEmpty();
            } finally {
                conflict.rollback();
            }
        }
        assertThat(orderCount(hub, CHANNEL, stuckId)).isZero();
        assertThat(exceptionsAt(hub, start, "partition 1")).hasSize(1);
    }

    private static String order(String externalId) {
        return SampleOrders.withExternalId(externalId)
                .replace("\"quantity\": 4", "\"quantity\": 1")
                .replace("\"DRILL-18V\"", "\"CH-KAFKA-SKU\"");
    }

    /** A second PostgreSQL session that injects the fault; it can never hold its locks for more than 120 s. */
    private static Connection injector() throws SQLException {
        Connection db = DriverManager.getConnection(Postgres.jdbcUrl());
        try (Statement s = db.createStatement()) {
            s.execute("SET idle_in_transaction_session_timeout = '120s'");
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

    private static void signal(Connection observer, List<Integer> pids) throws SQLException {
        try (PreparedStatement s = observer.prepareStatement("SELECT pg_cancel_backend(?)")) {
            for (int pid : pids) {
                s.setInt(1, pid);
                s.execute();
            }
        }
    }

    private static KafkaProducer<String, String> kafkaProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }
}
