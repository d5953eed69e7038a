package dev.orderhub.exception;

import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared kit of the fault-injection tests: a plain JMS client over TCP (as a channel outside the hub would be),
 * order payloads, and the REST calls an operator makes. Every message a test sends carries the property
 * {@value #RUN} with a value unique to the test, so that counts on shared queues and tables see only its own.
 */
final class FaultKit {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String IN = "orderhub.orders.in";
    static final String DLQ = "DLQ.orderhub";
    static final String RUN = "testRun";
    static final String CHANNEL = "b2b-portal";
    static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    static final String INGEST = HubTestContext.INGEST_KEY;
    static final String ADMIN = HubTestContext.ADMIN_KEY;
    /** The dead-letter headers README names (Process exceptions, dead letters and replay). */
    static final List<String> DEAD_LETTER_HEADERS = List.of(
            "orderhubPeNumber",
            "orderhubErrorClass",
            "orderhubErrorMessage",
            "orderhubRouteId",
            "orderhubAttempts",
            "orderhubFirstFailure");

    private FaultKit() {}

    // ---- payloads ----------------------------------------------------------------------------------------------

    static String newRun() {
        return UUID.randomUUID().toString();
    }

    static String newExternalId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** README's order with one drill instead of four (the sandbox stock is shared by the whole test run). */
    static String order(String externalOrderId) {
        String body = SampleOrders.withExternalId(externalOrderId).replace("\"quantity\": 4", "\"quantity\": 1");
        assertThat(body).contains("\"quantity\": 1").contains(externalOrderId);
        return body;
    }

    static String order(String externalOrderId, String token) {
        String body = order(externalOrderId).replace("\"tok_visa\"", "\"" + token + "\"");
        assertThat(body).contains("\"" + token + "\"");
        return body;
    }

    /** Valid JSON that breaks the schema: a line quantity of 0. */
    static String schemaInvalid(String externalOrderId) {
        String body = order(externalOrderId).replace("\"quantity\": 1", "\"quantity\": 0");
        assertThat(body).contains("\"quantity\": 0");
        return body;
    }

    /** Not JSON at all (cut off), but unique, so that its process exception can be told apart by its body. */
    static String malformed(String externalOrderId) {
        return "{\"externalOrderId\": \"" + externalOrderId + "\", \"channel\": \"" + CHANNEL + "\", \"lines\": [";
    }

    // ---- JMS ---------------------------------------------------------------------------------------------------

    /**
     * A JMS client over TCP to the hub's embedded broker, as the hub's own user: besides sending orders it browses the
     * input queue and cleans the dead-letter queue up, which no client role may.
     */
    static final class Jms implements AutoCloseable {
        private final ActiveMQConnectionFactory factory;
        private final Connection connection;
        private final Session session;

        Jms(int brokerPort) throws JMSException {
            factory = HubTestContext.BROKER_HUB.connectionFactory("tcp://127.0.0.1:" + brokerPort);
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        }

        /** Sends every body to orderhub.orders.in in one transaction, so they arrive as one batch. */
        void sendBatch(List<String> bodies, String run) throws JMSException {
            sendBatch(bodies, run, Map.of());
        }

        void sendBatch(List<String> bodies, String run, Map<String, String> properties) throws JMSException {
            sendBatch(IN, bodies, run, properties);
        }

        /** Sends one message to another queue of the hub (an ERP's confirmation, say). */
        void send(String queue, String body, String run) throws JMSException {
            sendBatch(queue, List.of(body), run, Map.of());
        }

        private void sendBatch(String queue, List<String> bodies, String run, Map<String, String> properties)
                throws JMSException {
            try (Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
                    MessageProducer producer = tx.createProducer(tx.createQueue(queue))) {
                for (String body : bodies) {
                    TextMessage message = tx.createTextMessage(body);
                    message.setStringProperty(RUN, run);
                    for (Map.Entry<String, String> p : properties.entrySet()) {
                        message.setStringProperty(p.getKey(), p.getValue());
                    }
                    producer.send(message);
                }
                tx.commit();
            }
        }

        void send(String body, String run) throws JMSException {
            sendBatch(List.of(body), run);
        }

        /** Sends to orderhub.orders.in one message of each kind the session makes, marked with the run. */
        void sendEach(String run, List<JmsFunction<Session, Message>> kinds) throws JMSException {
            try (MessageProducer producer = session.createProducer(session.createQueue(IN))) {
                for (JmsFunction<Session, Message> kind : kinds) {
                    Message message = kind.apply(session);
                    message.setStringProperty(RUN, run);
                    producer.send(message);
                }
            }
        }

        /** How many messages of this run wait on a queue (not yet delivered to a consumer). */
        int browse(String queue, String run) throws JMSException {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector(run))) {
                return Collections.list(browser.getEnumeration()).size();
            }
        }

        /** Browses the messages of this run on a queue without taking them. */
        List<Message> peek(String queue, String run) throws JMSException {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector(run))) {
                List<Message> found = new ArrayList<>();
                for (Object m : Collections.list(browser.getEnumeration())) {
                    found.add((Message) m);
                }
                return found;
            }
        }

        /** Takes every message of this run off a queue (cleans the shared dead-letter queue up). */
        List<Message> drain(String queue, String run) throws JMSException {
            List<Message> taken = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector(run))) {
                for (Message m = consumer.receive(2000); m != null; m = consumer.receive(500)) {
                    taken.add(m);
                }
            }
            return taken;
        }

        @Override
        public void close() throws JMSException {
            try {
                connection.close();
            } finally {
                factory.close();
            }
        }
    }

    /** A step that makes a JMS object and may throw as JMS does. */
    @FunctionalInterface
    interface JmsFunction<T, R> {
        R apply(T t) throws JMSException;
    }

    static String selector(String run) {
        return RUN + " = '" + run + "'";
    }

    // ---- REST --------------------------------------------------------------------------------------------------

    static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode())
                .as("HTTP status of %s; body %s", response.uri(), response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    static String enc(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    /** Every order the hub holds for (channel, externalOrderId): the list, not just the first. */
    static JsonNode ordersByKey(HubClient hub, String externalOrderId) {
        return json(
                hub.get("/api/orders?channel=" + CHANNEL + "&externalOrderId=" + enc(externalOrderId), OPERATOR), 200);
    }

    static long orderCount(HubClient hub, String externalOrderId) {
        return ordersByKey(hub, externalOrderId).path("total").asLong();
    }

    static Optional<String> orderId(HubClient hub, String externalOrderId) {
        JsonNode items = ordersByKey(hub, externalOrderId).path("items");
        return items.isEmpty()
                ? Optional.empty()
                : Optional.of(items.path(0).path("id").asString());
    }

    static JsonNode order(HubClient hub, String id) {
        return json(hub.get("/api/orders/" + id, OPERATOR), 200);
    }

    static String status(HubClient hub, String orderId) {
        return order(hub, orderId).path("status").asString();
    }

    static String submit(HubClient hub, String body) {
        JsonNode accepted = json(hub.post("/api/orders", INGEST, body), 202);
        return accepted.path("id").asString();
    }

    static JsonNode exception(HubClient hub, String number) {
        return json(hub.get("/api/process-exceptions/" + number, OPERATOR), 200);
    }

    /** Every process exception of an order (list items: no original). */
    static List<JsonNode> exceptionsOf(HubClient hub, String orderId) {
        return list(hub, "orderId=" + enc(orderId));
    }

    /** Every list item the query gives, page after page. */
    static List<JsonNode> list(HubClient hub, String query) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode body = json(hub.get("/api/process-exceptions?" + query + "&size=200&page=" + page, OPERATOR), 200);
            body.path("items").forEach(all::add);
            if (all.size() >= body.path("total").asLong() || body.path("items").isEmpty()) {
                break;
            }
        }
        return all;
    }

    /**
     * The process exceptions (with their originals) of messages this run sent: created since {@code since} and
     * whose original headers carry the run's marker.
     */
    static List<JsonNode> exceptionsOfRun(HubClient hub, String run, Instant since) {
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode item : list(hub, "from=" + enc(since))) {
            if (item.path("attachedTo").isObject()) {
                continue;
            }
            JsonNode full = exception(hub, item.path("number").asString());
            if (run.equals(full.path("original").path("headers").path(RUN).asString(null))) {
                mine.add(full);
            }
        }
        return mine;
    }

    static List<String> historyActions(JsonNode exception) {
        List<String> actions = new ArrayList<>();
        exception.path("history").forEach(h -> actions.add(h.path("action").asString()));
        return actions;
    }

    static HttpResponse<String> act(HubClient hub, String number, String action, String note) {
        return hub.post(
                "/api/process-exceptions/" + number + "/" + action,
                OPERATOR,
                JSON.writeValueAsString(Map.of("note", note)));
    }
}
