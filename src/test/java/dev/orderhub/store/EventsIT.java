package dev.orderhub.store;

import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Kafka;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order events as a subscriber outside the hub sees them: CloudEvents 1.0 structured JSON on the JMS topic
 * orderhub.order-events, per order in order, relayed from the outbox. The relay publishes in batches: a burst of
 * orders must still reach the JMS topic and the Kafka topic exactly as the outbox holds them — every event once, per
 * order in order, keyed by order id on Kafka — with the message properties subscribers select on.
 */
@HubTest
class EventsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOPIC = "orderhub.order-events";
    private static final int ORDERS = 20;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createdThenStatusChangedReachTheTopicAndTheOutboxIsDrained() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<Throwable> listenerFailures = new CopyOnWriteArrayList<>();
        try (ActiveMQConnectionFactory factory = HubTestContext.BROKER_SUBSCRIBER.connectionFactory(environment);
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
            assertThat(hub.post(
                                    "/api/orders/" + id + "/cancel",
                                    HubTestContext.OPERATOR_KEY,
                                    "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(hub.post("/api/orders/" + id + "/cancel", HubTestContext.OPERATOR_KEY, "{}")
                            .statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(eventsOf(received, id))
                            .anySatisfy(
                                    e -> assertThat(e.path("data").path("to").asString())
                                            .isEqualTo("CANCELLED")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    jdbc.sql("SELECT COUNT(*) FROM outbox WHERE subject = ? AND published_at IS NULL")
                                            .param(id)
                                            .query(Long.class)
                                            .single())
                            .isZero());
            assertThat(listenerFailures).isEmpty();

            List<JsonNode> events = eventsOf(received, id);
            assertThat(events.get(0).path("type").asString()).isEqualTo("orderhub.order.created");
            assertThat(events.subList(1, events.size()))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("orderhub.order.status-changed"));
            for (JsonNode event : events) {
                assertThat(event.path("specversion").asString()).isEqualTo("1.0");
                assertThat(event.path("id").asString()).isNotBlank();
                assertThat(event.path("source").asString()).isNotBlank();
                assertThat(event.path("subject").asString()).isEqualTo(id);
                assertThat(OffsetDateTime.parse(event.path("time").asString())).isNotNull();
                assertThat(event.path("datacontenttype").asString()).isEqualTo("application/json");
                assertThat(event.path("data").isObject())
                        .as("data is inline JSON in %s", event)
                        .isTrue();
            }
            assertThat(events.stream().map(e -> e.path("id").asString()).distinct())
                    .hasSize(events.size());
            JsonNode created = events.get(0).path("data");
            assertThat(created.path("orderId").asString()).isEqualTo(id);
            assertThat(created.path("status").asString()).isEqualTo("RECEIVED");
            // per order in order: each status change starts where the previous one ended, from RECEIVED to CANCELLED
            String status = "RECEIVED";
            for (JsonNode changed : events.subList(1, events.size())) {
                assertThat(changed.path("data").path("from").asString())
                        .as("event %s", changed)
                        .isEqualTo(status);
                status = changed.path("data").path("to").asString();
            }
            assertThat(status).isEqualTo("CANCELLED");
            assertThat(events.get(events.size() - 1).path("data").path("from").asString())
                    .isEqualTo("WAITING_APPROVAL");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE subject = ?")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("every outbox event of the order reached the topic once")
                    .isEqualTo(events.size());
        }
    }

    private static List<JsonNode> eventsOf(List<String> received, String subject) {
        return received.stream()
                .map(JSON::readTree)
                .filter(e -> subject.equals(e.path("subject").asString()))
                .toList();
    }

    @Test
    void aBurstOfOrdersReachesBothTopicsOncePerOrderInOrderWithSelectableProperties() throws Exception {
        Map<String, List<String>> jmsIds = new ConcurrentHashMap<>();
        List<String> wrongProperties = new CopyOnWriteArrayList<>();
        List<String> ediSelected = new CopyOnWriteArrayList<>();
        try (ActiveMQConnectionFactory factory = HubTestContext.BROKER_SUBSCRIBER.connectionFactory(environment);
                Connection connection = factory.createConnection();
                KafkaConsumer<String, String> kafka = kafkaAtEnd()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // what a subscriber of one channel's web orders would ask the broker for
            MessageConsumer restOrders = session.createConsumer(
                    session.createTopic(TOPIC), "orderhubChannel = 'b2b-portal' AND orderhubSourceKind = 'rest'");
            restOrders.setMessageListener(message -> {
                try {
                    JsonNode event = JSON.readTree(body(message));
                    String subject = event.path("subject").asString();
                    if (!subject.equals(message.getStringProperty("orderhubOrderId"))
                            || !event.path("type").asString().equals(message.getStringProperty("orderhubEventType"))
                            || !"application/cloudevents+json".equals(message.getStringProperty("contentType"))) {
                        wrongProperties.add(event.path("id").asString());
                    }
                    jmsIds.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>())
                            .add(event.path("id").asString());
                } catch (JMSException | RuntimeException e) {
                    wrongProperties.add(e.toString());
                }
            });
            MessageConsumer ediOrders =
                    session.createConsumer(session.createTopic(TOPIC), "orderhubSourceKind = 'edi'");
            ediOrders.setMessageListener(message -> {
                try {
                    ediSelected.add(message.getStringProperty("orderhubOrderId"));
                } catch (JMSException e) {
                    ediSelected.add(e.toString());
                }
            });
            connection.start();

            HubClient hub = new HubClient(port);
            List<String> ids = IntStream.range(0, ORDERS)
                    .parallel()
                    .mapToObj(i -> {
                        HttpResponse<String> posted = hub.post(
                                "/api/orders",
                                HubTestContext.INGEST_KEY,
                                WaitingOrders.body("FANOUT-" + UUID.randomUUID()));
                        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
                        return JSON.readTree(posted.body()).path("id").asString();
                    })
                    .toList();

            // each order parks in WAITING_APPROVAL: created, ACCEPTED, WAITING_APPROVAL — three events in the outbox
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(ids)
                            .allSatisfy(id -> assertThat(jdbc.sql(
                                                    "SELECT COUNT(*) FROM outbox WHERE subject = ? AND published_at IS NOT NULL")
                                            .param(id)
                                            .query(Long.class)
                                            .single())
                                    .isEqualTo(3)));
            Map<String, List<String>> outboxIds = new ConcurrentHashMap<>();
            ids.forEach(id -> outboxIds.put(
                    id,
                    jdbc.sql("SELECT event_id FROM outbox WHERE subject = ? ORDER BY id")
                            .param(id)
                            .query(String.class)
                            .list()));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(ids)
                            .allSatisfy(id -> assertThat(jmsIds.get(id))
                                    .as("JMS events of %s", id)
                                    .isEqualTo(outboxIds.get(id))));

            Map<String, List<String>> kafkaIds = new ConcurrentHashMap<>();
            List<String> kafkaProblems = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(record.value());
                    // the topic is shared: another test's order may still be moving; its channel is its own
                    boolean ours = ids.contains(record.key());
                    if (!event.path("subject").asString().equals(record.key())
                            || !event.path("type").asString().equals(header(record, "orderhubEventType"))
                            || ours && !"rest".equals(header(record, "orderhubSourceKind"))
                            || ours && !"b2b-portal".equals(header(record, "orderhubChannel"))) {
                        kafkaProblems.add(record.toString());
                    }
                    kafkaIds.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(event.path("id").asString());
                }
                assertThat(ids)
                        .allSatisfy(id -> assertThat(kafkaIds.get(id))
                                .as("Kafka events of %s", id)
                                .isEqualTo(outboxIds.get(id)));
            });

            assertThat(wrongProperties).isEmpty();
            assertThat(kafkaProblems).isEmpty();
            assertThat(ediSelected).as("events of REST orders selected as EDI").doesNotContainAnyElementsOf(ids);
        }
    }

    private static KafkaConsumer<String, String> kafkaAtEnd() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the orders are sent
        return consumer;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
