package dev.orderhub.intake;

import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.order.FieldError;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.PersonalData;
import dev.orderhub.order.Source;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Intake;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The bean channel routes call: reads the message, records where it came from, and submits it. */
@Component
class ChannelIntake {
    private final OrderIntake intake;
    private final MappedIntake mapped;
    private final ProcessExceptions exceptions;
    private final JsonMapper json;

    public ChannelIntake(OrderIntake intake, MappedIntake mapped, ProcessExceptions exceptions, JsonMapper json) {
        this.intake = intake;
        this.mapped = mapped;
        this.exceptions = exceptions;
        this.json = json;
    }

    /**
     * A channel's native JSON from any queue or topic, mapped by the mapping the route names in header
     * {@code orderhubMapping}: how an integrator adds a channel with a route and a mapping, no Java.
     */
    public void fromMappedMessage(Exchange exchange) {
        requireTextOrBytes(exchange);
        Message in = exchange.getMessage();
        String endpoint = exchange.getFromEndpoint().getEndpointBaseUri();
        String position = endpoint.startsWith("kafka:")
                ? "topic " + in.getHeader(KafkaConstants.TOPIC) + " partition " + in.getHeader(KafkaConstants.PARTITION)
                        + " offset " + in.getHeader(KafkaConstants.OFFSET)
                : endpoint + " message " + in.getHeader("JMSMessageID");
        answer(in, submitMapped(in, Source.of(endpoint.startsWith("kafka:") ? "kafka" : "jms", position)));
    }

    /**
     * A JMS message carries its JSON as text or bytes. Any other kind (an ObjectMessage, which the hub never
     * deserializes; a MapMessage or StreamMessage; a message with no body) is invalid, and its process exception
     * keeps the description {@link JmsChannelBodies} reads in place of its body.
     */
    private static void requireTextOrBytes(Exchange exchange) {
        if (exchange.getMessage() instanceof JmsMessage in
                && in.getJmsMessage() != null
                && !JmsChannelBodies.readable(in.getJmsMessage())) {
            throw new OrderValidationException(List.of(new FieldError(
                    "$",
                    "a JMS " + JmsChannelBodies.kind(in.getJmsMessage())
                            + " is not an order: send the order's JSON as a TextMessage or BytesMessage")));
        }
    }

    private Intake submitMapped(Message in, Source source) {
        String mapping = in.getHeader(Headers.MAPPING, String.class);
        if (mapping == null) {
            throw new IllegalStateException(
                    "route " + in.getExchange().getFromRouteId() + " sets no " + Headers.MAPPING + " header");
        }
        Object payload;
        try {
            payload = json.readTree(in.getBody(byte[].class));
        } catch (JacksonException malformed) {
            throw new OrderValidationException(List.of(
                    new FieldError("$", "malformed JSON: " + PersonalData.scrub(malformed.getOriginalMessage()))));
        }
        return mapped.submit(mapping, payload, Map.of(), mapping + " " + source.position(), source);
    }

    /** A canonical JSON order from a JMS queue; position is the queue and JMS message id. */
    public void fromJms(Exchange exchange) {
        requireTextOrBytes(exchange);
        Message in = exchange.getMessage();
        String queue = in.getHeader("JMSDestination") instanceof Queue q ? queueName(q) : "?";
        String position = "queue " + queue + " message " + in.getHeader("JMSMessageID", String.class);
        answer(in, intake.submit(in.getBody(byte[].class), Source.of("jms", position)));
    }

    /** A canonical JSON order from a Kafka record; position is topic, partition and offset. */
    public void fromKafka(Exchange exchange) {
        Message in = exchange.getMessage();
        String position = "topic " + in.getHeader(KafkaConstants.TOPIC) + " partition "
                + in.getHeader(KafkaConstants.PARTITION) + " offset " + in.getHeader(KafkaConstants.OFFSET);
        answer(in, intake.submit(in.getBody(byte[].class), Source.of("kafka", position)));
    }

    /**
     * A JMS or Kafka message replayed from its process exception, with the exception's number in its header: only
     * the hub reaches this route (the channels drop such headers from what they receive). The order keeps the
     * original's position; one that became an order resolves the exception.
     */
    public void replay(Exchange exchange) {
        Message in = exchange.getMessage();
        String number = in.getHeader(Headers.PE_NUMBER, String.class);
        ProcessException.Source original = exceptions.get(number).source();
        Source source = Source.of(original.kind(), original.position() + " (replayed)");
        Intake result = in.getHeader(Headers.MAPPING) != null
                ? submitMapped(in, source)
                : intake.submit(in.getBody(byte[].class), source);
        answer(in, result);
        exceptions.resolvedByRetry(number, "replayed message became order " + result.id());
    }

    private static void answer(Message in, Intake result) {
        in.setHeader(Headers.ORDER_ID, result.id());
        in.setHeader(Headers.CREATED, result.created());
    }

    private static String queueName(Queue queue) {
        try {
            return queue.getQueueName();
        } catch (JMSException unreadable) {
            return queue.toString();
        }
    }
}
