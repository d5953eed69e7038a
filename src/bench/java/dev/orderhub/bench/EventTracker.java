package dev.orderhub.bench;

import dev.orderhub.support.HubTestContext.BrokerUser;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the hub from outside, as a subscriber of the JMS topic orderhub.order-events (CloudEvents, over TCP):
 * orderhub.order.created maps the hub's order id to the (channel, externalOrderId) the benchmark sent, and each
 * orderhub.order.status-changed to ACCEPTED, ALLOCATED or CLOSED stamps the order's stage.
 */
final class EventTracker implements MessageListener, AutoCloseable {
    static final String TOPIC = "orderhub.order-events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> STUCK = Set.of("ON_HOLD", "WAITING_APPROVAL", "REJECTED", "CANCELLED");

    /** One order the benchmark sent; touched by the listener thread only once registered. */
    private static final class Track {
        final Phase phase;
        final long sentNanos;
        int stages;
        String stuck;

        Track(Phase phase, long sentNanos) {
            this.phase = phase;
            this.sentNanos = sentNanos;
        }
    }

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Map<String, Track> byKey = new ConcurrentHashMap<>();
    private final Map<String, Track> byOrderId = new HashMap<>();
    final AtomicLong events = new AtomicLong();
    final AtomicLong unknown = new AtomicLong();

    EventTracker(String brokerUrl, BrokerUser subscriber) throws JMSException {
        factory = subscriber.connectionFactory(brokerUrl);
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        // only the two event types the benchmark reads: the relay sets their type as a JMS property
        session.createConsumer(
                        session.createTopic(TOPIC),
                        "orderhubEventType IN ('orderhub.order.created', 'orderhub.order.status-changed')")
                .setMessageListener(this);
        connection.start();
    }

    /** Registers an order just before it is sent; {@code sentNanos} is its ingest time. */
    void expect(Phase phase, String channel, String externalOrderId, long sentNanos) {
        byKey.put(channel + "/" + externalOrderId, new Track(phase, sentNanos));
        phase.sent(externalOrderId, sentNanos);
    }

    @Override
    public void onMessage(Message message) {
        long now = System.nanoTime();
        try {
            String text = message instanceof TextMessage t ? t.getText() : bytes((BytesMessage) message);
            JsonNode event = JSON.readTree(text);
            events.incrementAndGet();
            String type = event.path("type").asString("");
            String orderId = event.path("subject").asString("");
            JsonNode data = event.path("data");
            if (type.equals("orderhub.order.created")) {
                Track track = byKey.remove(data.path("channel").asString("") + "/"
                        + data.path("externalOrderId").asString(""));
                if (track != null) {
                    byOrderId.put(orderId, track);
                } else {
                    unknown.incrementAndGet();
                }
                return;
            }
            Track track = byOrderId.get(orderId);
            if (track == null || !type.equals("orderhub.order.status-changed")) {
                return;
            }
            String to = data.path("to").asString("");
            int stage = switch (to) {
                case "ACCEPTED" -> 0;
                case "ALLOCATED" -> 1;
                case "CLOSED" -> 2;
                default -> -1;
            };
            if (track.stuck != null && !to.equals(track.stuck)) {
                track.phase.stuck(track.stuck, -1);
                track.stuck = null;
            }
            if (stage >= 0 && (track.stages & (1 << stage)) == 0) {
                track.stages |= 1 << stage;
                track.phase.reached(stage, track.sentNanos, now);
                if (stage == 2) {
                    byOrderId.remove(orderId);
                }
            } else if (STUCK.contains(to) && track.stuck == null) {
                track.stuck = to;
                track.phase.stuck(to, 1);
            }
        } catch (JMSException | RuntimeException unreadable) {
            unknown.incrementAndGet();
        }
    }

    private static String bytes(BytesMessage message) throws JMSException {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
