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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the hub from outside, as a subscriber of the JMS topic orderhub.order-events (CloudEvents, over TCP):
 * orderhub.order.created maps the hub's order id to the (channel, externalOrderId) the benchmark sent, and each
 * orderhub.order.status-changed to ACCEPTED or CLOSED stamps the order's stage. ALLOCATED counts when the order's
 * fulfillment order was exported: a copy of every message the hub commits to queue orderhub.erp.fulfillment-orders
 * (a non-exclusive divert, so the ERP still gets the original) arrives on {@value #EXPORTED}, and the order is
 * ALLOCATED at the later of that copy and its status-changed event to ALLOCATED (a benchmark order makes one
 * fulfillment order: one delivery group, everything stocked at one location).
 */
final class EventTracker implements MessageListener, AutoCloseable {
    static final String TOPIC = "orderhub.order-events";
    static final String ERP_QUEUE = "orderhub.erp.fulfillment-orders";
    static final String EXPORTED = "orderhub.bench.exported";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> STUCK = Set.of("ON_HOLD", "WAITING_APPROVAL", "REJECTED", "CANCELLED");

    /** One order the benchmark sent; touched by the two listener threads (under its lock) once registered. */
    private static final class Track {
        final Phase phase;
        final long sentNanos;
        int stages;
        String stuck;
        long allocatedEvent;
        long exported;

        Track(Phase phase, long sentNanos) {
            this.phase = phase;
            this.sentNanos = sentNanos;
        }
    }

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Map<String, Track> byKey = new ConcurrentHashMap<>();
    private final ActiveMQConnectionFactory hubFactory;
    private final Connection hubConnection;
    private final Map<String, Track> byOrderId = new ConcurrentHashMap<>();
    /** Exports seen before their order's created event (the event listener runs behind): when, by order id. */
    private final Map<String, Long> exportedEarly = new ConcurrentHashMap<>();

    final AtomicLong events = new AtomicLong();
    final AtomicLong unknown = new AtomicLong();

    /**
     * Subscribes to the order events as {@code subscriber}, and reads the copies of the exported fulfillment orders
     * as {@code hub} (the queue is the benchmark's, which no role names).
     */
    EventTracker(String brokerUrl, BrokerUser subscriber, BrokerUser hub) throws JMSException {
        factory = subscriber.connectionFactory(brokerUrl);
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        // only the two event types the benchmark reads: the relay sets their type as a JMS property
        session.createConsumer(
                        session.createTopic(TOPIC),
                        "orderhubEventType IN ('orderhub.order.created', 'orderhub.order.status-changed')")
                .setMessageListener(this);
        hubFactory = hub.connectionFactory(brokerUrl);
        hubConnection = hubFactory.createConnection();
        Session exports = hubConnection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        exports.createConsumer(exports.createQueue(EXPORTED)).setMessageListener(this::exported);
        connection.start();
        hubConnection.start();
    }

    /**
     * Copies every message committed to the ERP's queue onto the benchmark's own queue {@value #EXPORTED}
     * (non-durable, so the copy costs no journal write), on the hub's embedded broker.
     */
    static void copyExports(ActiveMQServer broker) throws Exception {
        broker.createQueue(QueueConfiguration.of(EXPORTED)
                .setAddress(EXPORTED)
                .setRoutingType(RoutingType.ANYCAST)
                .setDurable(false));
        broker.deployDivert(new DivertConfiguration()
                .setName("bench-exported")
                .setAddress(ERP_QUEUE)
                .setForwardingAddress(EXPORTED)
                .setExclusive(false));
    }

    /**
     * Registers an order just before it is sent; latency counts from {@code fromNanos}: its scheduled send time in
     * a paced phase (so a late send is not hidden), else the moment it was sent ({@code sentNanos}).
     */
    void expect(Phase phase, String channel, String externalOrderId, long fromNanos, long sentNanos) {
        byKey.put(channel + "/" + externalOrderId, new Track(phase, fromNanos));
        phase.sent(externalOrderId, fromNanos, sentNanos);
    }

    /** A copy of a fulfillment order the hub exported: its order is ALLOCATED if the event said so too. */
    private void exported(Message message) {
        long now = System.nanoTime();
        try {
            String text = message instanceof TextMessage t ? t.getText() : bytes((BytesMessage) message);
            String orderId = JSON.readTree(text).path("orderId").asString("");
            Track track = byOrderId.get(orderId);
            if (track == null) {
                exportedEarly.put(orderId, now);
                track = byOrderId.get(orderId);
                if (track == null || exportedEarly.remove(orderId) == null) {
                    return;
                }
            }
            synchronized (track) {
                if (track.exported == 0) {
                    track.exported = now;
                    allocated(track);
                }
            }
        } catch (JMSException | RuntimeException unreadable) {
            unknown.incrementAndGet();
        }
    }

    /** Stamps ALLOCATED once both the event and the export were seen, at the later of the two. */
    private static void allocated(Track track) {
        if (track.allocatedEvent != 0 && track.exported != 0 && (track.stages & 2) == 0) {
            track.stages |= 2;
            track.phase.reached(1, track.sentNanos, Math.max(track.allocatedEvent, track.exported));
        }
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
                    Long early = exportedEarly.remove(orderId);
                    if (early != null) {
                        synchronized (track) {
                            track.exported = early;
                        }
                    }
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
                case "CLOSED" -> 2;
                default -> -1;
            };
            synchronized (track) {
                if (track.stuck != null && !to.equals(track.stuck)) {
                    track.phase.stuck(track.stuck, -1);
                    track.stuck = null;
                }
                if (to.equals("ALLOCATED") && track.allocatedEvent == 0) {
                    track.allocatedEvent = now;
                    allocated(track);
                } else if (stage >= 0 && (track.stages & (1 << stage)) == 0) {
                    track.stages |= 1 << stage;
                    track.phase.reached(stage, track.sentNanos, now);
                } else if (STUCK.contains(to) && track.stuck == null) {
                    track.stuck = to;
                    track.phase.stuck(to, 1);
                }
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
        hubConnection.close();
        hubFactory.close();
    }
}
