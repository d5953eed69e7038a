package dev.orderhub.exception;

import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Orders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * What an operator does with an exception: triage, pause, ignore, void, resolve, retry. Retry resubmits the
 * original message to its replay route (a message that never became an order), never to a public queue, topic or
 * folder, or runs the failed step again from the order's stored status; either way it records an attempt.
 */
@Service
public class ProcessExceptionActions {
    // the original's own orderhubSourceKind (an event's) stays: the dead-letter header of that name is not stored
    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(
            Headers.PE_NUMBER,
            Headers.DEAD_LETTER,
            Headers.ERROR_CLASS,
            Headers.ERROR_MESSAGE,
            Headers.ROUTE_ID,
            Headers.ATTEMPTS,
            Headers.FIRST_FAILURE);
    /**
     * The kinds of message a channel receives, replayed by {@link Endpoints#CHANNEL_REPLAY} unless their route has its
     * own: orders, from a channel route (id {@code channel-…}).
     */
    private static final Set<String> CHANNEL_KINDS = Set.of("jms", "kafka");

    private static final String CHANNEL_ROUTE_PREFIX = "channel-";

    private final ProcessExceptions exceptions;
    private final ProducerTemplate producer;
    private final Orders orders;

    ProcessExceptionActions(ProcessExceptions exceptions, ProducerTemplate producer, Orders orders) {
        this.exceptions = exceptions;
        this.producer = producer;
        this.orders = orders;
    }

    /**
     * Retries with a corrected original message: only for a message received from outside that never became an
     * order, never for an event the hub published (its replay would speak for the hub).
     */
    public ProcessException retryCorrected(String number, String correctedBody) {
        ProcessException pe = exceptions.get(number);
        if (pe.source() != null && "event".equals(pe.source().kind())) {
            throw new IllegalStateException(number + " holds an order event the hub published, not a message it "
                    + "received: it takes no corrected body; fix the cause, then retry without one");
        }
        exceptions.correctOriginal(number, correctedBody);
        retry(number);
        return exceptions.get(number);
    }

    public ProcessException act(String number, String action, String note) {
        switch (action) {
            case "triage" -> exceptions.moveTo(number, ProcessException.Status.TRIAGED, note);
            case "pause" -> exceptions.moveTo(number, ProcessException.Status.PAUSED, note);
            case "ignore", "void", "resolve" -> {
                ProcessException.Status target = switch (action) {
                    case "ignore" -> ProcessException.Status.IGNORED;
                    case "void" -> ProcessException.Status.VOIDED;
                    default -> ProcessException.Status.RESOLVED;
                };
                if (exceptions.moveTo(number, target, note)) {
                    ProcessException pe = exceptions.get(number);
                    producer.sendBodyAndHeader(
                            Endpoints.LIFECYCLE_PIPELINE,
                            pe.attachedTo().id(),
                            Headers.ORDER_ID,
                            pe.attachedTo().id());
                }
            }
            case "retry" -> retry(number);
            default ->
                throw new IllegalArgumentException(
                        "unknown action " + action + " (triage, pause, ignore, void, resolve, retry)");
        }
        return exceptions.get(number);
    }

    /** Retries every exception matching the filter; returns their numbers. */
    public List<String> retryAll(ProcessExceptionFilter filter) {
        List<String> numbers = exceptions.numbers(filter, 1000);
        numbers.forEach(this::retry);
        return numbers;
    }

    void retry(String number) {
        ProcessException pe = exceptions.get(number);
        if (!pe.status().active()) {
            throw new IllegalStateException(number + " is " + pe.status() + ": only an active exception is retried");
        }
        if (pe.attachedTo() != null && orders.get(pe.attachedTo().id()).status().isFinal()) {
            throw new IllegalStateException(
                    number + ": order " + pe.attachedTo().id() + " is "
                            + orders.get(pe.attachedTo().id()).status() + "; there is nothing to retry");
        }
        String endpoint = pe.attachedTo() != null ? Endpoints.LIFECYCLE_STEPS : replayEndpoint(pe);
        exceptions.startRetry(number, endpoint);
        if (pe.attachedTo() != null) {
            String orderId = pe.attachedTo().id();
            producer.sendBodyAndHeader(Endpoints.LIFECYCLE_STEPS, orderId, Headers.ORDER_ID, orderId);
            if (!exceptions.stillHolding(number)) {
                exceptions.resolvedByRetry(number, "step " + pe.failedStep() + " went through on retry");
            }
            return;
        }
        Map<String, Object> headers = new HashMap<>(pe.original().headers());
        // the source's own headers (partner, format, file name) stay; the transport's and the failure's go
        headers.keySet()
                .removeIf(h -> h.startsWith("JMS")
                        || h.startsWith("kafka.")
                        || DEAD_LETTER_HEADERS.contains(h)
                        || h.startsWith("Camel") && !h.equals(Exchange.FILE_NAME));
        headers.put(Headers.PE_NUMBER, number);
        producer.sendBodyAndHeaders(endpoint, pe.original().body(), headers);
    }

    /**
     * The hub's own route that replays an exception's original: the replay entry its source recorded, else, for a
     * channel route's JMS or Kafka message (an order), the channel replay route. Anything else (an event, a file, a
     * message of a route that takes no orders) has no other way back: it is never sent to the topic, queue or folder
     * it came from.
     */
    private static String replayEndpoint(ProcessException pe) {
        String endpoint = pe.source() == null ? null : pe.source().endpoint();
        if (endpoint != null && endpoint.startsWith("direct:")) {
            return endpoint;
        }
        if (pe.source() != null
                && CHANNEL_KINDS.contains(pe.source().kind())
                && pe.source().routeId() != null
                && pe.source().routeId().startsWith(CHANNEL_ROUTE_PREFIX)) {
            return Endpoints.CHANNEL_REPLAY;
        }
        throw new IllegalStateException(pe.number() + ": route "
                + (pe.source() == null ? null : pe.source().routeId())
                + " has no replay entry; resolve it by hand once its cause is fixed");
    }
}
