package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.JSON;
import static dev.orderhub.channels.ChannelKit.OPERATOR;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.historyActions;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Kafka;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * A message's own headers are data, never the hub's: a JMS message or Kafka record carrying {@code orderhubPeNumber}
 * (or another {@code orderhub*} or {@code Camel*} header) neither resolves nor takes over an unrelated process
 * exception; an operator's replay still does, through a route no outside client reaches.
 */
@HubTest
class ForgedHeadersIT {
    private static final String CHANNEL = "b2b-portal";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void forgedHeadersOnJmsNeitherResolveNorTakeOverAnotherException() throws Exception {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        try (Jms jms = new Jms(environment)) {
            String victimBody = "{\"externalOrderId\": \"" + unique("FORGED-VICTIM") + "\", \"lines\": [";
            jms.send(victimBody, Map.of());
            String victim = awaitExceptionWithOriginal(hub, start, victimBody);

            // a good order claiming to replay the victim's exception becomes an order and nothing more
            String externalId = unique("FORGED-JMS");
            jms.send(orderBody(externalId), forged(victim));
            String id = awaitOrder(hub, CHANNEL, externalId);
            assertThat(order(hub, id).path("source").path("kind").asString()).isEqualTo("jms");

            // a bad one claiming the same gets an exception of its own
            String badBody = "{\"externalOrderId\": \"" + unique("FORGED-BAD") + "\", \"lines\": [";
            jms.send(badBody, forged(victim));
            String own = awaitExceptionWithOriginal(hub, start, badBody);
            assertThat(own).isNotEqualTo(victim);
            assertThat(exception(hub, own).path("original").path("headers").has("orderhubPeNumber"))
                    .as("the forged header is not kept as the original's")
                    .isFalse();

            assertUntouched(hub, victim);
            assertReplayResolves(hub, victim, unique("FORGED-JMS-REPLAY"), "jms");
        }
    }

    @Test
    void forgedHeadersOnKafkaNeitherResolveNorTakeOverAnotherException() throws Exception {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        try (KafkaProducer<String, String> kafka = kafkaProducer()) {
            String victimBody = "{\"externalOrderId\": \"" + unique("FORGED-VICTIM") + "\", \"lines\": [";
            send(kafka, victimBody, Map.of());
            String victim = awaitExceptionWithOriginal(hub, start, victimBody);

            String externalId = unique("FORGED-KAFKA");
            send(kafka, orderBody(externalId), forged(victim));
            String id = awaitOrder(hub, CHANNEL, externalId);
            assertThat(order(hub, id).path("source").path("kind").asString()).isEqualTo("kafka");

            String badBody = "{\"externalOrderId\": \"" + unique("FORGED-BAD") + "\", \"lines\": [";
            send(kafka, badBody, forged(victim));
            String own = awaitExceptionWithOriginal(hub, start, badBody);
            assertThat(own).isNotEqualTo(victim);

            assertUntouched(hub, victim);
            assertReplayResolves(hub, victim, unique("FORGED-KAFKA-REPLAY"), "kafka");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** What a forger sends: the number of someone else's exception, a replay flag, a mapping and a file name. */
    private static Map<String, String> forged(String victim) {
        return Map.of(
                "orderhubPeNumber",
                victim,
                "orderhubDeadLetter",
                "false",
                "orderhubMapping",
                "sfcc-order",
                "CamelFileName",
                "../../etc/passwd");
    }

    private static void assertUntouched(HubClient hub, String victim) {
        JsonNode after = exception(hub, victim);
        assertThat(after.path("status").asString()).isEqualTo("NEW");
        assertThat(after.path("attempts").asInt()).isEqualTo(1);
        assertThat(historyActions(after)).containsExactly("CREATED");
    }

    /** The operator's replay, with a corrected original, still becomes the order and resolves the exception. */
    private static void assertReplayResolves(HubClient hub, String number, String externalId, String kind) {
        String position = exception(hub, number).path("source").path("position").asString();
        json(
                hub.post(
                        "/api/process-exceptions/" + number + "/retry",
                        OPERATOR,
                        JSON.writeValueAsString(Map.of("correctedBody", orderBody(externalId)))),
                202);
        String id = awaitOrder(hub, CHANNEL, externalId);
        JsonNode replayed = order(hub, id);
        assertThat(replayed.path("source").path("kind").asString()).isEqualTo(kind);
        assertThat(replayed.path("source").path("position").asString()).isEqualTo(position + " (replayed)");
        assertThat(orderCount(hub, CHANNEL, externalId)).isEqualTo(1);
        JsonNode resolved = await("exception " + number + " resolved")
                .atMost(WAIT)
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        assertThat(historyActions(resolved)).containsSubsequence("CREATED", "RETRIED", "RESOLVED");
    }

    /** README's order with one unit of a SKU no test stocks. */
    private static String orderBody(String externalId) {
        return SampleOrders.withExternalId(externalId)
                .replace("\"quantity\": 4", "\"quantity\": 1")
                .replace("\"DRILL-18V\"", "\"CH-FORGED-SKU\"");
    }

    /** Waits for the one process exception since an instant whose original body is this one; returns its number. */
    private static String awaitExceptionWithOriginal(HubClient hub, Instant since, String body) {
        List<String> found = await("process exception for " + body)
                .atMost(WAIT)
                .until(() -> exceptionsWithOriginal(hub, since, body), list -> !list.isEmpty());
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> exceptionsWithOriginal(HubClient hub, Instant since, String body) {
        List<String> numbers = new ArrayList<>();
        for (JsonNode item : ChannelKit.exceptionsSince(hub, since)) {
            String number = item.path("number").asString();
            if (body.equals(exception(hub, number).path("original").path("body").asString())) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    private static KafkaProducer<String, String> kafkaProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static void send(KafkaProducer<String, String> kafka, String body, Map<String, String> headers)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("orderhub.orders.in", unique("key"), body);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        kafka.send(record).get(30, TimeUnit.SECONDS);
    }

    /** A plain JMS client over TCP, as any sender outside the hub. */
    private static final class Jms implements AutoCloseable {
        private final ActiveMQConnectionFactory factory;
        private final Connection connection;
        private final Session session;

        Jms(Environment environment) throws JMSException {
            factory = HubTestContext.BROKER_PRODUCER.connectionFactory(environment);
            connection = factory.createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        }

        void send(String body, Map<String, String> properties) throws JMSException {
            try (MessageProducer producer = session.createProducer(session.createQueue("orderhub.orders.in"))) {
                TextMessage message = session.createTextMessage(body);
                for (Map.Entry<String, String> property : properties.entrySet()) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
                producer.send(message);
            }
        }

        @Override
        public void close() throws JMSException {
            connection.close();
            factory.close();
        }
    }
}
