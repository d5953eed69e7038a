package dev.orderhub.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * README's five-minute tour against the hub on its embedded defaults (H2 file database, embedded Artemis, a
 * generated API key): post the sample order, read it back, list, history, and its event on the JMS topic.
 * Its own context (not {@code @HubTest}); closed afterwards as nothing else shares it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TourContext.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReadmeTourIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Test
    void newcomerTour() throws Exception {
        Path dataDir = Path.of(environment.getRequiredProperty("orderhub.data-dir"));
        try (java.sql.Connection db = dataSource.getConnection()) {
            assertThat(db.getMetaData().getURL()).as("the embedded default database").startsWith("jdbc:h2:file:");
        }
        assertThat(dataDir.resolve("db").resolve("orderhub.mv.db")).exists();

        // "the hub generated an API key: read it from data/api-key"
        Path keyFile = dataDir.resolve("api-key");
        assertThat(keyFile).exists();
        String key = Files.readString(keyFile).trim();
        assertThat(key).isNotBlank();

        // subscribe to the events before posting, as the tour's JMS consumer does
        int brokerPort = environment.getRequiredProperty("orderhub.broker.port", Integer.class);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("orderhub.order-events"));
            consumer.setMessageListener(message -> events.add(JSON.readTree(body(message))));
            connection.start();

            HubClient hub = new HubClient(port);
            assertThat(hub.get("/api/orders", null).statusCode()).as("no key, no orders").isEqualTo(401);

            // 1. post examples/order.json
            HttpResponse<String> posted = hub.post("/api/orders", key, SampleOrders.readme());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            JsonNode accepted = JSON.readTree(posted.body());
            String id = accepted.path("id").asString();
            assertThat(id).isNotBlank();
            assertThat(accepted.path("status").asString()).isEqualTo("RECEIVED");

            // 2. read it back
            HttpResponse<String> read = hub.get("/api/orders/" + id, key);
            assertThat(read.statusCode()).isEqualTo(200);
            JsonNode order = JSON.readTree(read.body());
            assertThat(order.path("externalOrderId").asString()).isEqualTo("PO-2291");
            assertThat(order.path("channel").asString()).isEqualTo("b2b-portal");
            assertThat(order.path("totals").path("grandTotal").asString()).isEqualTo("510.20");
            assertThat(order.path("lines").path(0).path("quantities").path("ordered").asInt()).isEqualTo(4);

            // 3. list the channel's orders
            HttpResponse<String> list = hub.get("/api/orders?channel=b2b-portal", key);
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(list.body());
            assertThat(page.path("total").asLong()).isEqualTo(1);
            assertThat(page.path("items").path(0).path("id").asString()).isEqualTo(id);

            // 4. its history
            HttpResponse<String> history = hub.get("/api/orders/" + id + "/history", key);
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(history.body()).path("items").path(0).path("action").asString())
                    .isEqualTo("CREATED");

            // 5. its events
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events)
                    .anySatisfy(e -> {
                        assertThat(e.path("type").asString()).isEqualTo("orderhub.order.created");
                        assertThat(e.path("subject").asString()).isEqualTo(id);
                        assertThat(e.path("specversion").asString()).isEqualTo("1.0");
                        assertThat(e.path("data").path("externalOrderId").asString()).isEqualTo("PO-2291");
                    }));
        }
    }

    private static String body(Message message) {
        try {
            if (message instanceof TextMessage text) {
                return text.getText();
            }
            if (message instanceof BytesMessage bytes) {
                byte[] content = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(content);
                return new String(content, StandardCharsets.UTF_8);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("unexpected message type " + message.getClass().getName());
    }
}
