package dev.orderhub.intake;

import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Canonical orders on queue orderhub.orders.in, sent by a client outside the hub over TCP. */
@HubTest
class JmsIntakeIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IN = "orderhub.orders.in";
    private static final String DLQ = "DLQ.orderhub";
    private static final String MARKER = "testMarker";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CamelContext camel;

    ActiveMQConnectionFactory factory;
    Connection connection;
    /** As a sending system: the producer role. */
    Session session;

    ActiveMQConnectionFactory hubFactory;
    Connection hubConnection;
    /** As the hub's own user, which alone may browse the input queue and take dead letters. */
    Session inspection;

    HubClient hub;

    @BeforeEach
    void connect() throws JMSException {
        factory = HubTestContext.BROKER_PRODUCER.connectionFactory(environment);
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        hubFactory = HubTestContext.BROKER_HUB.connectionFactory(environment);
        hubConnection = hubFactory.createConnection();
        hubConnection.start();
        inspection = hubConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        hub = new HubClient(port);
    }

    @AfterEach
    void disconnect() throws JMSException {
        connection.close();
        factory.close();
        hubConnection.close();
        hubFactory.close();
    }

    @Test
    void orderOnTheQueueIsStoredWithItsProvenance() throws JMSException {
        String externalOrderId = "PO-" + UUID.randomUUID();

        send(SampleOrders.withExternalId(externalOrderId), UUID.randomUUID().toString());

        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> listed(externalOrderId), n -> n != null);
        String id = item.path("id").asString();
        JsonNode order = JSON.readTree(
                hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).body());
        assertThat(order.path("externalOrderId").asString()).isEqualTo(externalOrderId);
        assertThat(order.path("totals").path("products").asString()).isEqualTo("516.00");
        JsonNode history = JSON.readTree(hub.get("/api/orders/" + id + "/history", HubTestContext.OPERATOR_KEY)
                .body());
        JsonNode created = history.path("items").path(0);
        assertThat(created.path("action").asString()).isEqualTo("CREATED");
        assertThat(created.path("detail").asString()).contains("jms").contains(IN);
    }

    @Test
    void theSameOrderTwiceIsOneOrder() throws JMSException {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        NotifyBuilder bothDone = new NotifyBuilder(camel)
                .fromRoute("channel-jms-canonical")
                .filter(e -> marker.equals(e.getMessage().getHeader(MARKER, String.class)))
                .whenDone(2)
                .create();
        String order = SampleOrders.withExternalId(externalOrderId);

        send(order, marker);
        send(order, marker);

        assertThat(bothDone.matches(30, TimeUnit.SECONDS))
                .as("both messages processed")
                .isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE channel = ? AND external_order_id = ?")
                        .param("b2b-portal")
                        .param(externalOrderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(browse(DLQ, marker)).as("nothing dead-lettered").isZero();
        assertThat(browse(IN, marker)).as("both acknowledged").isZero();
    }

    /**
     * The database reports a duplicate key that no stored order holds (once): the message is not refused as bad but
     * delivered again, and becomes its order with no process exception.
     */
    @Test
    void aKeyCollisionNoStoredOrderExplainsIsDeliveredAgainAndStored() throws JMSException {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        String name = "collide_" + marker.replace("-", "_");
        Instant start = Instant.now().minusSeconds(1);
        // a sequence is not rolled back with the insert: only the first try collides
        jdbc.sql("CREATE SEQUENCE " + name).update();
        jdbc.sql("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.external_order_id = '" + externalOrderId + "' AND nextval('" + name + "') = 1 THEN "
                        + "RAISE unique_violation USING MESSAGE = 'the test collides once'; END IF; RETURN NEW; END $$")
                .update();
        jdbc.sql("CREATE TRIGGER " + name + " BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION " + name + "()")
                .update();
        try {
            send(SampleOrders.withExternalId(externalOrderId), marker);

            await().atMost(Duration.ofSeconds(60)).until(() -> listed(externalOrderId), n -> n != null);
            assertThat(jdbc.sql("SELECT last_value FROM " + name)
                            .query(Long.class)
                            .single())
                    .as("tries of the insert")
                    .isEqualTo(2);
            assertThat(JSON.readTree(hub.get(
                                            "/api/process-exceptions?from=" + start + "&size=200",
                                            HubTestContext.OPERATOR_KEY)
                                    .body())
                            .path("items")
                            .toString())
                    .as("no process exception for the collision")
                    .doesNotContain("the test collides once");
            assertThat(browse(DLQ, marker)).as("nothing dead-lettered").isZero();
        } finally {
            jdbc.sql("DROP TRIGGER " + name + " ON orders").update();
            jdbc.sql("DROP FUNCTION " + name + "()").update();
            jdbc.sql("DROP SEQUENCE " + name).update();
        }
    }

    @Test
    void malformedMessageIsDeadLetteredUnchanged() throws JMSException {
        String marker = UUID.randomUUID().toString();
        String body = "{not json";

        send(body, marker);

        Message dead = receiveDeadLetter(marker);
        assertDeadLetterHeaders(dead);
        assertThat(body(dead)).isEqualTo(body);
        assertThat(browse(IN, marker)).as("not left on the input queue").isZero();
    }

    @Test
    void schemaInvalidOrderIsNotStoredAndDeadLettered() throws JMSException {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        String body = SampleOrders.withExternalId(externalOrderId).replace("\"quantity\": 4", "\"quantity\": 0");
        assertThat(body).contains("\"quantity\": 0");

        send(body, marker);

        Message dead = receiveDeadLetter(marker);
        assertDeadLetterHeaders(dead);
        assertThat(dead.getStringProperty("orderhubErrorMessage")).contains("lines[0].quantity");
        assertThat(body(dead)).isEqualTo(body);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE external_order_id = ?")
                        .param(externalOrderId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(browse(IN, marker)).as("not left on the input queue").isZero();
    }

    private void send(String body, String marker) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(IN))) {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty(MARKER, marker);
            producer.send(message);
        }
    }

    private JsonNode listed(String externalOrderId) {
        HttpResponse<String> response = hub.get(
                "/api/orders?channel=b2b-portal&externalOrderId="
                        + URLEncoder.encode(externalOrderId, StandardCharsets.UTF_8),
                HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(response.body()).path("items");
        return items.isEmpty() ? null : items.path(0);
    }

    private Message receiveDeadLetter(String marker) throws JMSException {
        try (MessageConsumer consumer = inspection.createConsumer(inspection.createQueue(DLQ), selector(marker))) {
            Message dead = consumer.receive(TimeUnit.SECONDS.toMillis(30));
            assertThat(dead).as("a dead letter marked %s on %s", marker, DLQ).isNotNull();
            return dead;
        }
    }

    private static void assertDeadLetterHeaders(Message dead) throws JMSException {
        assertThat(dead.getObjectProperty("orderhubErrorClass")).isInstanceOf(String.class);
        assertThat(dead.getStringProperty("orderhubErrorClass"))
                .isEqualTo("dev.orderhub.order.OrderValidationException");
        assertThat(dead.getObjectProperty("orderhubErrorMessage")).isInstanceOf(String.class);
        assertThat(dead.getStringProperty("orderhubErrorMessage")).isNotBlank();
        assertThat(dead.getStringProperty("orderhubRouteId")).isEqualTo("channel-jms-canonical");
        assertThat(dead.getObjectProperty("orderhubAttempts")).isInstanceOf(String.class);
        assertThat(Integer.parseInt(dead.getStringProperty("orderhubAttempts"))).isGreaterThanOrEqualTo(1);
        assertThat(dead.getObjectProperty("orderhubFirstFailure")).isInstanceOf(String.class);
        assertThat(Instant.parse(dead.getStringProperty("orderhubFirstFailure")))
                .isBefore(Instant.now().plusSeconds(1));
    }

    private int browse(String queue, String marker) throws JMSException {
        try (QueueBrowser browser = inspection.createBrowser(inspection.createQueue(queue), selector(marker))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static String selector(String marker) {
        return MARKER + " = '" + marker + "'";
    }
}
