package dev.orderhub.event;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch of order events: when Kafka is configured, to the Kafka topic keyed by order id with every record
 * in flight at once, and once Kafka has them all, to the JMS topic in one transacted session (one broker commit for
 * the whole batch). It returns once both brokers hold the batch; otherwise it throws and the caller publishes the
 * batch again, so subscribers see each event at least once, per order in order.
 */
@Component
public class EventPublisher implements DisposableBean {
    /** The topic of order events, on JMS and on Kafka. */
    public static final String TOPIC = "orderhub.order-events";

    private final ConnectionFactory connectionFactory;
    private final CamelContext camel;
    private final String kafkaBrokers;
    private Producer<String, String> kafka;

    EventPublisher(ConnectionFactory connectionFactory, CamelContext camel,
            @Value("${orderhub.kafka.brokers:}") String kafkaBrokers) {
        this.connectionFactory = connectionFactory;
        this.camel = camel;
        this.kafkaBrokers = kafkaBrokers;
    }

    /**
     * An event as it leaves: its outbox id, its CloudEvent JSON and the message properties subscribers select on
     * ({@code orderhubEventType}, {@code orderhubOrderId}, {@code orderhubChannel}, {@code orderhubSourceKind}).
     */
    public record Outgoing(long id, String type, String orderId, String channel, String sourceKind, String payload) {
    }

    public void publish(List<Outgoing> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> kafkaAcks = kafkaBrokers.isBlank() ? List.of() : sendToKafka(events);
        for (Future<RecordMetadata> ack : kafkaAcks) {
            try {
                ack.get();
            } catch (ExecutionException failure) {
                throw new IllegalStateException("Kafka did not take event batch: " + failure.getCause().getMessage(),
                        failure.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing events to Kafka", interrupted);
            }
        }
        try {
            sendToJms(events);
        } catch (JMSException failure) {
            throw JmsUtils.convertJmsAccessException(failure);
        }
    }

    private void sendToJms(List<Outgoing> events) throws JMSException {
        // the caching connection factory shares one connection and keeps sessions and producers for reuse
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
            for (Outgoing event : events) {
                TextMessage message = session.createTextMessage(event.payload());
                message.setStringProperty("contentType", CloudEvent.CONTENT_TYPE);
                message.setStringProperty("orderhubEventType", event.type());
                message.setStringProperty("orderhubOrderId", event.orderId());
                message.setStringProperty("orderhubChannel", event.channel());
                message.setStringProperty("orderhubSourceKind", event.sourceKind());
                producer.send(message);
            }
            session.commit();
        }
    }

    private List<Future<RecordMetadata>> sendToKafka(List<Outgoing> events) {
        Producer<String, String> producer = kafka();
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (Outgoing event : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, event.orderId(), event.payload());
            header(record, "contentType", CloudEvent.CONTENT_TYPE);
            header(record, "orderhubEventType", event.type());
            header(record, "orderhubOrderId", event.orderId());
            header(record, "orderhubChannel", event.channel());
            header(record, "orderhubSourceKind", event.sourceKind());
            acks.add(producer.send(record));
        }
        return acks;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One producer, made on first use with the Kafka component's settings (security…) as routes get them. */
    private synchronized Producer<String, String> kafka() {
        if (kafka == null) {
            Properties settings = camel.getComponent("kafka", KafkaComponent.class).getConfiguration()
                    .createProducerProperties();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBrokers);
            settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            settings.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "orderhub-events");
            // a Kafka that is away fails the batch within seconds; the relay tries again later
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
            kafka = new KafkaProducer<>(settings);
        }
        return kafka;
    }

    @Override
    public synchronized void destroy() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
