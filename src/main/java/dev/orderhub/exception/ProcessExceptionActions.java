package dev.orderhub.exception;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Orders;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * What an operator does with an exception: triage, pause, ignore, void, resolve, retry. Retry resubmits the
 * original message to its source (a message that never became an order) or runs the failed step again from the
 * order's stored status; either way it records an attempt.
 */
@Service
public class ProcessExceptionActions {
    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(Headers.PE_NUMBER, Headers.SOURCE_KIND,
            Headers.DEAD_LETTER, Headers.ERROR_CLASS, Headers.ERROR_MESSAGE, Headers.ROUTE_ID, Headers.ATTEMPTS,
            Headers.FIRST_FAILURE);

    private final ProcessExceptions exceptions;
    private final ProducerTemplate producer;
    private final Orders orders;

    ProcessExceptionActions(ProcessExceptions exceptions, ProducerTemplate producer, Orders orders) {
        this.exceptions = exceptions;
        this.producer = producer;
        this.orders = orders;
    }

    /** Retries with a corrected original message (only for an exception with no order). */
    public ProcessException retryCorrected(String number, String correctedBody) {
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
                    producer.sendBodyAndHeader(Endpoints.LIFECYCLE_PIPELINE, pe.attachedTo().id(), Headers.ORDER_ID,
                            pe.attachedTo().id());
                }
            }
            case "retry" -> retry(number);
            default -> throw new IllegalArgumentException("unknown action " + action
                    + " (triage, pause, ignore, void, resolve, retry)");
        }
        return exceptions.get(number);
    }

    /** Retries every exception matching the filter; returns their numbers. */
    public List<String> retryAll(ProcessExceptionFilter filter) {
        List<String> numbers = exceptions.numbers(filter, 1000);
        numbers.forEach(this::retry);
        return numbers;
    }

    private void retry(String number) {
        ProcessException pe = exceptions.get(number);
        if (!pe.status().active()) {
            throw new IllegalStateException(number + " is " + pe.status() + ": only an active exception is retried");
        }
        if (pe.attachedTo() != null && orders.get(pe.attachedTo().id()).status().isFinal()) {
            throw new IllegalStateException(number + ": order " + pe.attachedTo().id() + " is "
                    + orders.get(pe.attachedTo().id()).status() + "; there is nothing to retry");
        }
        exceptions.startRetry(number);
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
        headers.keySet().removeIf(h -> h.startsWith("JMS") || h.startsWith("kafka.") || DEAD_LETTER_HEADERS.contains(h)
                || h.startsWith("Camel") && !h.equals(Exchange.FILE_NAME));
        headers.put(Headers.PE_NUMBER, number);
        String endpoint = pe.source().endpoint().startsWith("direct:") ? pe.source().endpoint() : Endpoints.CHANNEL_REPLAY;
        producer.sendBodyAndHeaders(endpoint, pe.original().body(), headers);
    }
}
