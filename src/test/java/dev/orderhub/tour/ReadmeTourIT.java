package dev.orderhub.tour;

import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
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
 * README's five-minute tour against the hub on its embedded defaults (H2 file database, embedded Artemis, sandbox
 * connectors, a generated API key): read the key, post the sample order (twice), see it CLOSED, list it, its
 * history, a declined card ON_HOLD with a process exception, a bad order's problem+json, and the order's events.
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
        try (var db = dataSource.getConnection()) {
            assertThat(db.getMetaData().getURL())
                    .as("the embedded default database")
                    .startsWith("jdbc:h2:file:");
        }
        assertThat(dataDir.resolve("db").resolve("orderhub.mv.db")).exists();

        // 1. "the hub generated an API key with every role at first start": export KEY=$(cat data/api-key)
        Path keyFile = dataDir.resolve("api-key");
        assertThat(keyFile).exists();
        String key = Files.readString(keyFile).trim();
        assertThat(key).isNotBlank();

        // the data folder and the secrets the hub generated are its user's alone
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path brokerPasswordFile = dataDir.resolve("broker-password");
        assertThat(Files.getPosixFilePermissions(brokerPasswordFile))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(brokerPasswordFile).trim()).isNotBlank();
        try (Stream<Path> tree = Files.walk(dataDir)) {
            assertThat(tree.filter(Files::isDirectory)
                            .filter(dir -> !ownerOnly(dir))
                            .toList())
                    .as("folders under the data folder that others may enter")
                    .isEmpty();
        }

        // subscribe to the events before posting, as the tour's JMS consumer does, as the subscriber the tour
        // configures
        int brokerPort = environment.getRequiredProperty("orderhub.broker.port", Integer.class);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                        "tcp://127.0.0.1:" + brokerPort, TourContext.SUBSCRIBER, TourContext.SUBSCRIBER_PASSWORD);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("orderhub.order-events"));
            consumer.setMessageListener(message -> events.add(JSON.readTree(body(message))));
            connection.start();

            HubClient hub = new HubClient(port);
            assertThat(hub.get("/api/orders", null).statusCode())
                    .as("no key, no orders")
                    .isEqualTo(401);

            // 2. post examples/order.json: 202 with its id
            HttpResponse<String> posted = hub.post("/api/orders", key, SampleOrders.readme());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            JsonNode accepted = JSON.readTree(posted.body());
            String id = accepted.path("id").asString();
            assertThat(id).isNotBlank();
            assertThat(accepted.path("status").asString()).isEqualTo("RECEIVED");

            // 3. post it again: 200 with the same id, nothing stored twice
            HttpResponse<String> again = hub.post("/api/orders", key, SampleOrders.readme());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).path("id").asString()).isEqualTo(id);

            // 4. read it back: within a second or two it is CLOSED, taxed, captured, allocated, shipped, invoiced
            JsonNode order = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> read(hub, key, id),
                            o -> "CLOSED".equals(o.path("status").asString()));
            assertThat(order.path("externalOrderId").asString()).isEqualTo("PO-2291");
            assertThat(order.path("channel").asString()).isEqualTo("b2b-portal");
            assertThat(order.path("totals").path("products").asString()).isEqualTo("516.00");
            assertThat(order.path("totals").path("tax").asString()).isEqualTo("42.09");
            assertThat(order.path("totals").path("grandTotal").asString()).isEqualTo("552.29");
            assertThat(order.path("payment").path("captured").asString()).isEqualTo("552.29");
            JsonNode line = order.path("lines").path(0).path("quantities");
            assertThat(line.path("ordered").asInt()).isEqualTo(4);
            assertThat(line.path("fulfilled").asInt()).isEqualTo(4);
            JsonNode fulfillment = order.path("fulfillmentOrders").path(0);
            assertThat(fulfillment.path("location").asString()).isEqualTo("WH-EAST");
            assertThat(fulfillment
                            .path("shipments")
                            .path(0)
                            .path("trackingNumber")
                            .asString())
                    .isNotBlank();
            assertThat(order.path("invoices").path(0).path("number").asString()).isNotBlank();

            // 5. list orders, and the order's history step by step
            HttpResponse<String> list = hub.get("/api/orders?channel=b2b-portal&status=CLOSED", key);
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(list.body());
            assertThat(page.path("total").asLong()).isEqualTo(1);
            assertThat(page.path("items").path(0).path("id").asString()).isEqualTo(id);
            HttpResponse<String> history = hub.get("/api/orders/" + id + "/history", key);
            assertThat(history.statusCode()).isEqualTo(200);
            JsonNode steps = JSON.readTree(history.body()).path("items");
            assertThat(steps.path(0).path("action").asString()).isEqualTo("CREATED");
            assertThat(steps.path(steps.size() - 1).path("toStatus").asString()).isEqualTo("CLOSED");

            // 6. a declined card puts the order ON_HOLD with a process exception
            String declined =
                    SampleOrders.readme().replace("PO-2291", "PO-2292").replace("tok_visa", "tok_chargeDeclined");
            HttpResponse<String> declinedPost = hub.post("/api/orders", key, declined);
            assertThat(declinedPost.statusCode()).as(declinedPost.body()).isEqualTo(202);
            String declinedId = JSON.readTree(declinedPost.body()).path("id").asString();
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> read(hub, key, declinedId),
                            o -> "ON_HOLD".equals(o.path("status").asString()));
            HttpResponse<String> exceptions = hub.get("/api/process-exceptions?status=NEW", key);
            assertThat(exceptions.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(exceptions.body())
                            .path("items")
                            .valueStream()
                            .map(pe -> pe.path("attachedTo").path("id").asString()))
                    .contains(declinedId);

            // 7. bad input gets every problem at once, as problem+json
            HttpResponse<String> bad = hub.post("/api/orders", key, """
                    {"externalOrderId":"x","channel":"c","currency":"XXZ","payment":{"method":"CARD"},\
                    "deliveryGroups":[{"id":"A","shipTo":{"line1":"1 Main","city":"Austin","country":"US"}}],\
                    "lines":[{"sku":"S","quantity":0,"unitPrice":"1.234","deliveryGroupId":"B"}]}""");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(bad.body())
                            .path("errors")
                            .valueStream()
                            .map(e -> e.path("field").asString()))
                    .contains(
                            "currency",
                            "lines[0].quantity",
                            "lines[0].deliveryGroupId",
                            "payment.token",
                            "deliveryGroups[0].shipTo.region");

            // events: creation and every status change of the order, in order, on the JMS topic
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(eventsOf(events, id))
                            .anySatisfy(
                                    e -> assertThat(e.path("data").path("to").asString())
                                            .isEqualTo("CLOSED")));
            List<JsonNode> mine = eventsOf(events, id);
            assertThat(mine.get(0).path("type").asString()).isEqualTo("orderhub.order.created");
            assertThat(mine.get(0).path("specversion").asString()).isEqualTo("1.0");
            assertThat(mine.get(0).path("data").path("externalOrderId").asString())
                    .isEqualTo("PO-2291");
        }
    }

    private static JsonNode read(HubClient hub, String key, String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id, key);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> eventsOf(List<JsonNode> events, String subject) {
        return events.stream()
                .filter(e -> subject.equals(e.path("subject").asString()))
                .toList();
    }

    private static boolean ownerOnly(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).equals(PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
