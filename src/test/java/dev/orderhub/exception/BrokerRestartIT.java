package dev.orderhub.exception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.OrderhubApplication;
import dev.orderhub.api.WaitingOrders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker restarted while messages are in flight: a hub of its own (restarting the shared test hub's broker
 * would disturb the other test classes), messages sent before and after a restart of its persistent embedded
 * Artemis. Every message ends as exactly one order: none lost with the restart, none doubled by redelivery. Order
 * events committed while the broker is away wait in the outbox and leave once it is back, and so does the
 * cancellation of a fulfillment order for the ERP.
 */
class BrokerRestartIT {
    private static final int PER_BATCH = 25;
    private static ConfigurableApplicationContext hub;
    private static int brokerPort;

    @BeforeAll
    static void startHub() throws Exception {
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "broker-restart-");
        brokerPort = HubTestContext.freePort();
        hub = new SpringApplicationBuilder(OrderhubApplication.class)
                .run(
                        "--spring.datasource.url=" + Postgres.jdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--orderhub.data-dir=" + home.resolve("data"),
                        "--orderhub.broker.port=" + brokerPort,
                        "--orderhub.broker.users[0].name=" + HubTestContext.BROKER_PRODUCER.name(),
                        "--orderhub.broker.users[0].password=" + HubTestContext.BROKER_PRODUCER.password(),
                        "--orderhub.broker.users[0].role=producer",
                        "--orderhub.files.enabled=false",
                        "--orderhub.security.api-keys[0].name=admin",
                        "--orderhub.security.api-keys[0].key=" + HubTestContext.ADMIN_KEY,
                        "--orderhub.security.api-keys[0].roles=ADMIN");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyMessageSentAroundABrokerRestartEndsAsExactlyOneOrder() throws Exception {
        String channel = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        send(channel, 0);
        // restart while the hub is still taking the first batch in: messages held by the broker survive in its journal
        EmbeddedActiveMQ broker = hub.getBean(EmbeddedActiveMQ.class);
        broker.stop();
        broker.start();
        send(channel, PER_BATCH);

        HubClient client =
                new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());
        JsonMapper json = JsonMapper.builder().build();
        Awaitility.await("every message of both batches stored")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> total(client, json, channel) == 2 * PER_BATCH);
        for (int i = 0; i < 2 * PER_BATCH; i++) {
            JsonNode found = json.readTree(
                    client.get("/api/orders?channel=" + channel + "&externalOrderId=R-" + i, HubTestContext.ADMIN_KEY)
                            .body());
            assertThat(found.path("total").asLong())
                    .as("order R-%d stored exactly once", i)
                    .isEqualTo(1);
        }
        assertThat(total(client, json, channel)).as("no order doubled").isEqualTo(2 * PER_BATCH);
        // the outbox relay lost its broker session with the restart; it publishes again once the broker is back
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        Awaitility.await("every event of these orders published")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.sql("""
                        SELECT COUNT(*) FROM outbox b JOIN orders o ON o.id = b.subject
                        WHERE o.channel = ? AND b.published_at IS NULL""").param(channel).query(Long.class).single() == 0);
    }

    @Test
    void eventsWaitInTheOutboxWhileTheBrokerIsDownAndArePublishedWhenItIsBack() throws Exception {
        EmbeddedActiveMQ broker = hub.getBean(EmbeddedActiveMQ.class);
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        HubClient client =
                new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());
        JsonMapper json = JsonMapper.builder().build();
        String id;
        broker.stop();
        try {
            // a REST order that parks in WAITING_APPROVAL needs no broker: created, ACCEPTED, WAITING_APPROVAL
            HttpResponse<String> posted = client.post(
                    "/api/orders", HubTestContext.ADMIN_KEY, WaitingOrders.body("DOWN-" + UUID.randomUUID()));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            id = json.readTree(posted.body()).path("id").asString();
            Awaitility.await("order parked")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> json.readTree(client.get("/api/orders/" + id, HubTestContext.ADMIN_KEY)
                                    .body())
                            .path("status")
                            .asString()
                            .equals("WAITING_APPROVAL"));
            assertThat(unpublished(jdbc, id))
                    .as("events kept while the broker is away")
                    .isEqualTo(3);
        } finally {
            broker.start();
        }
        Awaitility.await("events published once the broker is back")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> unpublished(jdbc, id) == 0);
    }

    @Test
    void anErpCancellationCommittedWhileTheBrokerIsDownWaitsInTheOutboxAndLeavesWhenItIsBack() throws Exception {
        EmbeddedActiveMQ broker = hub.getBean(EmbeddedActiveMQ.class);
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        HubClient client =
                new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());
        JsonMapper json = JsonMapper.builder().build();
        // the sandbox ERP leaves "HOLD " ship-tos unshipped: the fulfillment order stays open to be canceled
        HttpResponse<String> posted = client.post(
                "/api/orders",
                HubTestContext.ADMIN_KEY,
                SampleOrders.fresh().replace("\"name\": \"Acme DC\"", "\"name\": \"HOLD Acme DC\""));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json.readTree(posted.body()).path("id").asString();
        Awaitility.await("order allocated")
                .atMost(Duration.ofSeconds(60))
                .until(() -> json.readTree(client.get("/api/orders/" + id, HubTestContext.ADMIN_KEY)
                                .body())
                        .path("status")
                        .asString()
                        .equals("ALLOCATED"));
        String fulfillmentOrder = jdbc.sql("SELECT id FROM fulfillment_orders WHERE order_id = ?")
                .param(id)
                .query(String.class)
                .single();
        Awaitility.await("the fulfillment order sent")
                .atMost(Duration.ofSeconds(30))
                .until(() -> erpMessages(jdbc, fulfillmentOrder, "fulfillment-order", true) == 1);

        broker.stop();
        try {
            HttpResponse<String> canceled =
                    client.post("/api/orders/" + id + "/cancel", HubTestContext.ADMIN_KEY, "{}");
            assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
            assertThat(erpMessages(jdbc, fulfillmentOrder, "fulfillment-order.cancel", false))
                    .as("the cancellation kept while the broker is away")
                    .isEqualTo(1);
        } finally {
            broker.start();
        }
        Awaitility.await("the cancellation sent once the broker is back")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> erpMessages(jdbc, fulfillmentOrder, "fulfillment-order.cancel", true) == 1);
        JsonNode cancellation = json.readTree(
                jdbc.sql("""
                SELECT payload FROM outbox WHERE destination = 'erp-fulfillment-orders' AND subject = ?
                AND type = 'fulfillment-order.cancel'""").param(fulfillmentOrder).query(String.class).single());
        assertThat(cancellation.path("action").asString()).isEqualTo("CANCEL");
        assertThat(cancellation.path("lines").size()).isPositive();
    }

    private static long erpMessages(JdbcClient jdbc, String fulfillmentOrder, String type, boolean sent) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE destination = 'erp-fulfillment-orders' AND subject = ?"
                        + " AND type = ? AND published_at IS " + (sent ? "NOT NULL" : "NULL"))
                .param(fulfillmentOrder)
                .param(type)
                .query(Long.class)
                .single();
    }

    private static long unpublished(JdbcClient jdbc, String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE subject = ? AND published_at IS NULL")
                .param(orderId)
                .query(Long.class)
                .single();
    }

    private static long total(HubClient client, JsonMapper json, String channel) {
        return json.readTree(client.get("/api/orders?size=1&channel=" + channel, HubTestContext.ADMIN_KEY)
                        .body())
                .path("total")
                .asLong();
    }

    /** Sends a batch over TCP in one transaction, reconnecting as a client would after the restart. */
    private static void send(String channel, int from) throws Exception {
        ActiveMQConnectionFactory factory = HubTestContext.BROKER_PRODUCER.connectionFactory(
                "tcp://127.0.0.1:" + brokerPort + "?reconnectAttempts=30&retryInterval=200");
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("orderhub.orders.in"));
            for (int i = from; i < from + PER_BATCH; i++) {
                producer.send(session.createTextMessage(
                        SampleOrders.withExternalId("R-" + i).replace("\"b2b-portal\"", "\"" + channel + "\"")));
            }
            session.commit();
        } finally {
            factory.close();
        }
    }
}
