package dev.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order events as a subscriber outside the hub sees them: CloudEvents 1.0 structured JSON on the JMS topic
 * orderhub.order-events, per order in order, relayed from the outbox.
 */
@HubTest
class EventsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createdThenStatusChangedReachTheTopicAndTheOutboxIsDrained() throws Exception {
        int brokerPort = environment.getRequiredProperty("orderhub.broker.port", Integer.class);
        List<String> received = new CopyOnWriteArrayList<>();
        List<Throwable> listenerFailures = new CopyOnWriteArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("orderhub.order-events"));
            consumer.setMessageListener(message -> {
                try {
                    received.add(body(message));
                } catch (Throwable e) {
                    listenerFailures.add(e);
                }
            });
            connection.start();

            HubClient hub = new HubClient(port);
            // accepted by the pipeline, then parked in WAITING_APPROVAL: nothing but the cancels below moves it
            String id = WaitingOrders.submit(hub);
            assertThat(hub.post("/api/orders/" + id + "/cancel", HubTestContext.OPERATOR_KEY,
                    "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}").statusCode()).isEqualTo(200);
            assertThat(hub.post("/api/orders/" + id + "/cancel", HubTestContext.OPERATOR_KEY, "{}").statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(received, id))
                    .anySatisfy(e -> assertThat(e.path("data").path("to").asString()).isEqualTo("CANCELLED")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE subject = ? AND published_at IS NULL")
                            .param(id).query(Long.class).single()).isZero());
            assertThat(listenerFailures).isEmpty();

            List<JsonNode> events = eventsOf(received, id);
            assertThat(events.get(0).path("type").asString()).isEqualTo("orderhub.order.created");
            assertThat(events.subList(1, events.size())).isNotEmpty().allSatisfy(e ->
                    assertThat(e.path("type").asString()).isEqualTo("orderhub.order.status-changed"));
            for (JsonNode event : events) {
                assertThat(event.path("specversion").asString()).isEqualTo("1.0");
                assertThat(event.path("id").asString()).isNotBlank();
                assertThat(event.path("source").asString()).isNotBlank();
                assertThat(event.path("subject").asString()).isEqualTo(id);
                assertThat(OffsetDateTime.parse(event.path("time").asString())).isNotNull();
                assertThat(event.path("datacontenttype").asString()).isEqualTo("application/json");
                assertThat(event.path("data").isObject()).as("data is inline JSON in %s", event).isTrue();
            }
            assertThat(events.stream().map(e -> e.path("id").asString()).distinct()).hasSize(events.size());
            JsonNode created = events.get(0).path("data");
            assertThat(created.path("orderId").asString()).isEqualTo(id);
            assertThat(created.path("status").asString()).isEqualTo("RECEIVED");
            // per order in order: each status change starts where the previous one ended, from RECEIVED to CANCELLED
            String status = "RECEIVED";
            for (JsonNode changed : events.subList(1, events.size())) {
                assertThat(changed.path("data").path("from").asString()).as("event %s", changed).isEqualTo(status);
                status = changed.path("data").path("to").asString();
            }
            assertThat(status).isEqualTo("CANCELLED");
            assertThat(events.get(events.size() - 1).path("data").path("from").asString()).isEqualTo("WAITING_APPROVAL");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE subject = ?").param(id).query(Long.class).single())
                    .as("every outbox event of the order reached the topic once").isEqualTo(events.size());
        }
    }

    private static List<JsonNode> eventsOf(List<String> received, String subject) {
        return received.stream().map(JSON::readTree)
                .filter(e -> subject.equals(e.path("subject").asString())).toList();
    }

    static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] content = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(content);
            return new String(content, StandardCharsets.UTF_8);
        }
        throw new AssertionError("unexpected message type " + message.getClass().getName());
    }
}
