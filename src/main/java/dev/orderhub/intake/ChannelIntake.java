package dev.orderhub.intake;

import dev.orderhub.exception.DeadLetters;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.order.FieldError;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.PersonalData;
import dev.orderhub.order.Source;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import dev.orderhub.store.Intake;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The bean channel routes call: reads the message, records where it came from, and submits it. */
@Component
public class ChannelIntake {
    public static final String ORDER_ID = "orderhubOrderId";
    public static final String CREATED = "orderhubCreated";

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
        Message in = exchange.getMessage();
        String mapping = in.getHeader("orderhubMapping", String.class);
        if (mapping == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " sets no orderhubMapping header");
        }
        Object payload;
        try {
            payload = json.readTree(in.getBody(byte[].class));
        } catch (JacksonException malformed) {
            throw new OrderValidationException(List.of(new FieldError("$", "malformed JSON: "
                    + PersonalData.scrub(malformed.getOriginalMessage()))));
        }
        String endpoint = exchange.getFromEndpoint().getEndpointBaseUri();
        String position = endpoint.startsWith("kafka:") ? "topic " + in.getHeader(KafkaConstants.TOPIC) + " partition "
                + in.getHeader(KafkaConstants.PARTITION) + " offset " + in.getHeader(KafkaConstants.OFFSET)
                : endpoint + " message " + in.getHeader("JMSMessageID");
        answer(in, mapped.submit(mapping, payload, java.util.Map.of(), mapping + " " + position,
                Source.of(endpoint.startsWith("kafka:") ? "kafka" : "jms", position)));
    }

    /** A canonical JSON order from a JMS queue; position is the queue and JMS message id. */
    public void fromJms(Exchange exchange) {
        Message in = exchange.getMessage();
        String queue = in.getHeader("JMSDestination") instanceof Queue q ? queueName(q) : "?";
        String position = "queue " + queue + " message " + in.getHeader("JMSMessageID", String.class);
        answer(in, intake.submit(in.getBody(byte[].class), Source.of("jms", position)));
    }

    /** A canonical JSON order from a Kafka record; position is topic, partition and offset. */
    public void fromKafka(Exchange exchange) {
        Message in = exchange.getMessage();
        String position = "topic " + in.getHeader(KafkaConstants.TOPIC) + " partition " + in.getHeader(KafkaConstants.PARTITION)
                + " offset " + in.getHeader(KafkaConstants.OFFSET);
        answer(in, intake.submit(in.getBody(byte[].class), Source.of("kafka", position)));
    }

    /** A replayed message (it carries its exception's number) that became an order resolves that exception. */
    private void answer(Message in, Intake result) {
        in.setHeader(ORDER_ID, result.id());
        in.setHeader(CREATED, result.created());
        String replayOf = in.getHeader(DeadLetters.PE_NUMBER, String.class);
        if (replayOf != null) {
            exceptions.resolvedByRetry(replayOf, "replayed message became order " + result.id());
        }
    }

    private static String queueName(Queue queue) {
        try {
            return queue.getQueueName();
        } catch (JMSException unreadable) {
            return queue.toString();
        }
    }

}
