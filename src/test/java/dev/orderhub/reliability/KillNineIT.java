package dev.orderhub.reliability;

import static dev.orderhub.support.HubOrders.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 under load. A hub in a JVM of its own takes orders on REST, JMS, partner files (and Kafka, on PostgreSQL)
 * from four feeders at once; it is killed with SIGKILL mid-run and started again on the same data. Every order it
 * acknowledged — a 2xx on REST, a JMS send the broker confirmed, a Kafka record the broker confirmed, a file moved
 * to {@code .done/} — must exist exactly once after the restart and reach CLOSED, with one authorisation per card
 * order and one capture per invoice.
 */
class KillNineIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

    @TempDir
    Path temp;

    @Test
    void embeddedDefaultsKeepEveryAcknowledgedOrderAcrossKillNine() throws Exception {
        Path data = Files.createDirectories(temp.resolve("h2-hub"));
        // the embedded defaults as README's first command runs them: H2 file database, embedded Artemis, no Kafka
        runKillNine(new HubProcess(data, Map.of(), List.of()), false);
    }

    @Test
    void postgresKeepsEveryAcknowledgedOrderAcrossKillNine() throws Exception {
        Path data = Files.createDirectories(temp.resolve("pg-hub"));
        // a database and a Kafka consumer group of its own, so that no other hub of this test run takes its orders
        HubProcess hub = new HubProcess(
                data,
                Map.of(
                        "ORDERHUB_DB_URL",
                        Postgres.newDatabase("crash"),
                        "ORDERHUB_DB_USER",
                        "postgres",
                        "ORDERHUB_DB_PASSWORD",
                        "",
                        "ORDERHUB_KAFKA_BROKERS",
                        Kafka.bootstrapServers()),
                List.of("--orderhub.kafka.group-id=crash-" + System.nanoTime()));
        runKillNine(hub, true);
    }

    private void runKillNine(HubProcess hub, boolean kafka) throws Exception {
        String run =
                "K9" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean feeding = new AtomicBoolean(true);
        try (hub) {
            hub.start();
            List<Thread> feeders = new ArrayList<>();
            feeders.add(feeder("rest", feeding, i -> rest(hub.client(), run + "-R" + i, acknowledged)));
            feeders.add(feeder("jms", feeding, jms(hub, run, acknowledged)));
            feeders.add(feeder("file", feeding, i -> file(hub.dataDir, run + "-F" + i, acknowledged)));
            if (kafka) {
                feeders.add(feeder("kafka", feeding, kafka(run, acknowledged)));
            }
            feeders.forEach(Thread::start);
            await("orders acknowledged before the kill")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
            hub.kill();
            feeding.set(false);
            for (Thread feeder : feeders) {
                feeder.join(30_000);
            }
            int sent = acknowledged.size();

            hub.start();
            HubClient client = hub.client();
            try {
                await("every acknowledged order CLOSED after the restart")
                        .atMost(SETTLE)
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> notClosed(client, acknowledged).isEmpty());
            } catch (ConditionTimeoutException stuck) {
                // the counts below say what is missing, doubled or not closed
            }
            int stored = 0;
            int closed = 0;
            int doubled = 0;
            int lost = 0;
            for (String key : acknowledged) {
                JsonNode found = byKey(client, key);
                long copies = found.path("total").asLong();
                stored += copies > 0 ? 1 : 0;
                doubled += copies > 1 ? 1 : 0;
                lost += copies == 0 ? 1 : 0;
                closed += copies == 1
                                && "CLOSED"
                                        .equals(found.path("items")
                                                .path(0)
                                                .path("status")
                                                .asString())
                        ? 1
                        : 0;
            }
            System.out.printf(
                    "kill -9 (%s): sent %d acknowledged orders, stored %d, closed %d, doubled %d, lost %d%n",
                    kafka ? "PostgreSQL" : "embedded defaults", sent, stored, closed, doubled, lost);
            assertThat(List.of(stored, closed, doubled, lost))
                    .as(
                            "stored, closed, doubled, lost of %d; not closed: %s; process exceptions: %s",
                            sent, notClosed(client, acknowledged), exceptions(client))
                    .containsExactly(sent, sent, 0, 0);
            for (String key : acknowledged) {
                JsonNode found = byKey(client, key);
                JsonNode order = json(client.get(
                        "/api/orders/" + found.path("items").path(0).path("id").asString(), HubProcess.API_KEY));
                assertMoneyMovedOnce(key, order);
            }
            if (!kafka) {
                // a graceful stop closes the embedded database after the routes and the relay, not under them
                hub.close();
                assertThat(Files.readString(hub.log())).doesNotContain("Database is already closed");
            }
        }
    }

    /** One authorisation per card order, one capture per invoice, captured = grand total. */
    private static void assertMoneyMovedOnce(String key, JsonNode order) {
        JsonNode payment = order.path("payment");
        if (!"CARD".equals(payment.path("method").asString())) {
            return;
        }
        List<JsonNode> authorisations = new ArrayList<>();
        List<JsonNode> captures = new ArrayList<>();
        payment.path("transactions").forEach(t -> {
            if (!"APPROVED".equals(t.path("outcome").asString())) {
                return;
            }
            if ("AUTHORIZE".equals(t.path("kind").asString())) {
                authorisations.add(t);
            } else if ("CAPTURE".equals(t.path("kind").asString())) {
                captures.add(t);
            }
        });
        assertThat(authorisations).as("authorisations of %s", key).hasSize(1);
        assertThat(captures)
                .as("captures of %s", key)
                .hasSize(order.path("invoices").size());
        assertThat(new BigDecimal(payment.path("captured").asString()))
                .as("captured amount of %s", key)
                .isEqualByComparingTo(order.path("totals").path("grandTotal").asString());
    }

    private static List<String> notClosed(HubClient client, Set<String> keys) {
        List<String> open = new ArrayList<>();
        for (String key : keys) {
            JsonNode items = byKey(client, key).path("items");
            if (items.size() != 1
                    || !"CLOSED".equals(items.path(0).path("status").asString())) {
                open.add(key + "="
                        + (items.isEmpty()
                                ? "missing"
                                : items.path(0).path("status").asString()));
            }
        }
        return open;
    }

    /** What the hub recorded as not taken or failed: number, category, message. */
    private static List<String> exceptions(HubClient client) {
        List<String> recorded = new ArrayList<>();
        json(client.get("/api/process-exceptions?size=100", HubProcess.API_KEY))
                .path("items")
                .forEach(pe -> recorded.add(
                        pe.path("number").asString() + " " + pe.path("category").asString() + " "
                                + pe.path("message").asString()));
        return recorded;
    }

    /** Orders of a key: REST, JMS and Kafka orders are channel b2b-portal; file orders are the demo partner's. */
    private static JsonNode byKey(HubClient client, String key) {
        return json(client.get("/api/orders?externalOrderId=" + enc(key), HubProcess.API_KEY));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as("%s: %s", response.uri(), response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private interface Feed {
        void send(int i) throws Exception;
    }

    private static Thread feeder(String name, AtomicBoolean feeding, Feed feed) {
        return new Thread(
                () -> {
                    for (int i = 0; feeding.get(); i++) {
                        try {
                            feed.send(i);
                        } catch (Exception refused) {
                            // the hub is down or going down: what was not acknowledged does not count
                            if (!feeding.get()) {
                                return;
                            }
                        }
                    }
                },
                "feeder-" + name);
    }

    private static void rest(HubClient client, String key, Set<String> acknowledged) {
        HttpResponse<String> answer = client.post("/api/orders", HubProcess.API_KEY, SampleOrders.withExternalId(key));
        if (answer.statusCode() == 202 || answer.statusCode() == 200) {
            acknowledged.add(key);
        }
    }

    private static Feed jms(HubProcess hub, String run, Set<String> acknowledged) {
        return new Feed() {
            private Connection connection;
            private Session session;
            private MessageProducer producer;

            @Override
            public void send(int i) throws JMSException {
                if (connection == null) {
                    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                            hub.brokerUrl(), HubProcess.BROKER_USER, HubProcess.BROKER_PASSWORD);
                    factory.setReconnectAttempts(0);
                    connection = factory.createConnection();
                    session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    producer = session.createProducer(session.createQueue("orderhub.orders.in"));
                }
                String key = run + "-J" + i;
                try {
                    producer.send(session.createTextMessage(SampleOrders.withExternalId(key)));
                } catch (JMSException down) {
                    connection.close();
                    connection = null;
                    throw down;
                }
                acknowledged.add(key);
            }
        };
    }

    private static Feed kafka(String run, Set<String> acknowledged) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, String> producer = new KafkaProducer<>(settings);
        return i -> {
            String key = run + "-K" + i;
            producer.send(new ProducerRecord<>("orderhub.orders.in", key, SampleOrders.withExternalId(key)))
                    .get();
            acknowledged.add(key);
        };
    }

    /** One CSV file of one order per file; acknowledged once the hub moved it to .done/. */
    private static void file(Path dataDir, String key, Set<String> acknowledged) throws IOException {
        Path inbox = Files.createDirectories(dataDir.resolve("inbox").resolve("demo"));
        String csv = """
                PO_Number,SKU,Quantity,Unit_Price,Ship_To_Name,Ship_To_Line1,Ship_To_City,Ship_To_Region,Ship_To_Postal_Code,Ship_To_Country
                %s,GLOVES-L,2,9.50,Demo Store,1 Main St,Austin,TX,78701,US
                """.formatted(key);
        Path written = inbox.resolve("." + key + ".tmp");
        Files.writeString(written, csv);
        Files.move(written, inbox.resolve(key + ".csv"));
        Path done = inbox.resolve(".done").resolve(key + ".csv");
        // the hub moves a file to .done only after its orders are stored: that is its acknowledgement
        await("file " + key + " done")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(done));
        acknowledged.add(key);
    }
}
