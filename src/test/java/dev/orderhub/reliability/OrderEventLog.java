package dev.orderhub.reliability;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every order event on the JMS topic, as a subscriber sees it, from before the hubs start. */
final class OrderEventLog implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connection connection;
    private final ConcurrentLinkedQueue<JsonNode> arrived = new ConcurrentLinkedQueue<>();

    OrderEventLog(String url, String user, String password) throws JMSException {
        connection = new ActiveMQConnectionFactory(url, user, password).createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createTopic("orderhub.order-events")).setMessageListener(message -> {
            try {
                arrived.add(JSON.readTree(message.getBody(String.class)));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    int received() {
        return arrived.size();
    }

    long distinct() {
        return arrived.stream().map(e -> e.path("id").asString()).distinct().count();
    }

    /** Each order's status-changed events (data), each once (first arrival), in the order they arrived. */
    Map<String, List<JsonNode>> statusChanges() {
        Set<String> seen = new HashSet<>();
        Map<String, List<JsonNode>> byOrder = new HashMap<>();
        for (JsonNode event : arrived) {
            if ("orderhub.order.status-changed".equals(event.path("type").asString())
                    && seen.add(event.path("id").asString())) {
                byOrder.computeIfAbsent(event.path("subject").asString(), o -> new ArrayList<>())
                        .add(event.path("data"));
            }
        }
        return byOrder;
    }

    /** The orders an order.created event was seen for. */
    Set<String> created() {
        Set<String> orders = new HashSet<>();
        for (JsonNode event : arrived) {
            if ("orderhub.order.created".equals(event.path("type").asString())) {
                orders.add(event.path("subject").asString());
            }
        }
        return orders;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
