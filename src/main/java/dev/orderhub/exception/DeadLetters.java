package dev.orderhub.exception;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Prepares a message that never became an order for its dead-letter queue: the cause goes into identifier-safe
 * string headers, the original body stays as it came.
 */
@Component
public class DeadLetters {
    public static final String SOURCE_KIND = "orderhubSourceKind";

    /** Sets the dead-letter headers DESIGN.md names on the failed message. */
    public void prepare(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        Integer deliveries = message.getHeader("JMSXDeliveryCount", Integer.class);
        message.setHeader("orderhubErrorClass", cause == null ? "unknown" : cause.getClass().getName());
        message.setHeader("orderhubErrorMessage", cause == null ? "" : String.valueOf(cause.getMessage()));
        message.setHeader("orderhubRouteId", String.valueOf(exchange.getFromRouteId()));
        message.setHeader("orderhubAttempts", String.valueOf(deliveries == null ? 1 : deliveries));
        message.setHeader("orderhubFirstFailure", Instant.ofEpochMilli(exchange.getClock().getCreated()).toString());
        String endpoint = exchange.getFromEndpoint() == null ? "" : exchange.getFromEndpoint().getEndpointUri();
        message.setHeader(SOURCE_KIND, endpoint.startsWith("kafka:") ? "kafka" : "jms");
    }
}
