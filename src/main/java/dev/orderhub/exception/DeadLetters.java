package dev.orderhub.exception;

import dev.orderhub.shared.Headers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The error policy's bean for a message that never became an order: stores its process exception with the
 * original message and where a retry replays it, then sets the dead-letter headers (identifier-safe strings) on it.
 * A route that offers a replay entry, a route {@code <its id>-replay} (e.g. {@code outbound-partner-edi-replay}), has
 * its failed messages replayed there; the others' go to their channel's replay route (README, "Process exceptions,
 * dead letters and replay").
 */
@Component
public class DeadLetters {
    /** The id suffix of a route's replay entry. */
    public static final String REPLAY_ROUTE_SUFFIX = "-replay";
    /** The hub's own topic of order events: a message from it failed in one of the hub's subscribers. */
    private static final String EVENTS_TOPIC = "topic:orderhub.order-events";

    private final ProcessExceptions exceptions;
    private final ProcessExceptionMetrics metrics;

    DeadLetters(ProcessExceptions exceptions, ProcessExceptionMetrics metrics) {
        this.exceptions = exceptions;
        this.metrics = metrics;
    }

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String from = exchange.getFromEndpoint() == null
                ? ""
                : exchange.getFromEndpoint().getEndpointBaseUri();
        String kind = from.startsWith("kafka:")
                ? "kafka"
                : from.startsWith("file:") || from.startsWith("sftp:")
                        ? "file"
                        : from.endsWith(EVENTS_TOPIC) ? "event" : "jms";
        Integer deliveries = message.getHeader("JMSXDeliveryCount", Integer.class);
        int attempts = deliveries == null ? 1 : deliveries;
        // a redelivered message's first failure is not known to this delivery: its send time bounds it from below
        Long sent = message.getHeader("JMSTimestamp", Long.class);
        Instant firstFailure = attempts > 1 && sent != null && sent > 0
                ? Instant.ofEpochMilli(sent)
                : Instant.ofEpochMilli(exchange.getClock().getCreated());
        String replayOf = message.getHeader(Headers.PE_NUMBER, String.class);
        String routeId = exchange.getFromRouteId();
        if (cause instanceof OriginalNotKept) {
            message.setBody("");
        }
        Route replay = routeId == null ? null : exchange.getContext().getRoute(routeId + REPLAY_ROUTE_SUFFIX);
        String endpoint = replay != null ? replay.getEndpoint().getEndpointUri() : from;
        String number = exceptions.recordMessage(new FailedMessage(
                cause,
                new ProcessException.Source(routeId, kind, position(message, kind), endpoint),
                new ProcessException.Original(message.getBody(String.class), headers(message)),
                null,
                null,
                attempts,
                firstFailure,
                replayOf));
        message.setHeaders(deadLetterHeaders(
                message.getHeaders(), number, cause, routeId, attempts, firstFailure, kind, replayOf == null));
    }

    /**
     * Records one failed item of a readable file (a CSV order, an XML document) and returns the headers with
     * which its original goes to the dead-letter queue.
     */
    public Map<String, Object> recordItem(FailedMessage failed) {
        String number = exceptions.recordMessage(failed);
        return deadLetterHeaders(
                new LinkedHashMap<>(failed.original().headers()),
                number,
                failed.cause(),
                failed.source().routeId(),
                failed.attempts(),
                failed.firstFailure(),
                "file",
                failed.replayOf() == null);
    }

    private Map<String, Object> deadLetterHeaders(
            Map<String, Object> headers,
            String number,
            Throwable cause,
            String routeId,
            int attempts,
            Instant firstFailure,
            String kind,
            boolean deadLetter) {
        headers.put(Headers.PE_NUMBER, number);
        headers.put(
                Headers.ERROR_CLASS,
                cause == null ? "unknown" : cause.getClass().getName());
        headers.put(Headers.ERROR_MESSAGE, cause == null ? "" : ProcessExceptions.describe(cause));
        headers.put(Headers.ROUTE_ID, String.valueOf(routeId));
        headers.put(Headers.ATTEMPTS, String.valueOf(attempts));
        headers.put(Headers.FIRST_FAILURE, String.valueOf(firstFailure));
        headers.put(Headers.SOURCE_KIND, kind);
        headers.put(Headers.DEAD_LETTER, deadLetter);
        if (deadLetter) {
            metrics.deadLettered(kind);
        }
        return headers;
    }

    private static String position(Message message, String kind) {
        return switch (kind) {
            case "kafka" ->
                "topic " + message.getHeader(KafkaConstants.TOPIC) + " partition "
                        + message.getHeader(KafkaConstants.PARTITION) + " offset "
                        + message.getHeader(KafkaConstants.OFFSET);
            case "file" ->
                "file " + message.getHeader(Exchange.FILE_NAME) + describe(message.getHeader(Headers.POSITION));
            case "event" ->
                "event " + message.getHeader(Headers.EVENT_TYPE) + " of order " + message.getHeader(Headers.ORDER_ID)
                        + " message " + message.getHeader("JMSMessageID");
            default -> "message " + message.getHeader("JMSMessageID");
        };
    }

    private static String describe(Object position) {
        return position == null ? "" : " " + position;
    }

    private static Map<String, String> headers(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                headers.put(name, String.valueOf(value));
            }
        });
        return headers;
    }
}
