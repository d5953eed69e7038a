package dev.orderhub.outbound;

import dev.orderhub.exception.FailedMessage;
import dev.orderhub.exception.Failures;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way out after a commit: sends outbox rows, per destination in id order (so the events of an order in
 * order), a batch at a time to the destination's route {@code direct:outbound-<destination>}, then marks them
 * sent — under the destination's relay row lock, so that one instance sends at a time. A crash between send and
 * mark sends the batch again: receivers see at-least-once delivery, keyed by message id. While a destination
 * refuses, its rows wait and the relay tries it again later (up to {@link #MAX_BACKOFF}), saying so once per try;
 * the other destinations go on. A row a destination refuses {@link Outbox.Destination#attempts()} times is parked
 * as a process exception, whose retry puts that row back. A destination that keeps its rows (no attempts) parks a
 * row its connector refuses for good (a permanent failure: declined, invalid) at once: the rows before it are sent
 * one at a time, it is set aside, and the rows after it go on. The relay's backoff is the only retry of an outbox
 * send: a connector route makes one attempt per message.
 */
@Component
class OutboxRelay {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final ProcessExceptions exceptions;
    private final TransactionTemplate transaction;
    private final Duration period;
    private final Map<Outbox.Destination, Lane> lanes = new EnumMap<>(Outbox.Destination.class);

    OutboxRelay(
            Outbox outbox,
            ProducerTemplate producer,
            CamelContext camel,
            ProcessExceptions exceptions,
            TransactionTemplate transaction,
            @Value("${orderhub.events.relay-period-ms}") long periodMs) {
        this.outbox = outbox;
        this.producer = producer;
        this.camel = camel;
        this.exceptions = exceptions;
        this.transaction = transaction;
        this.period = Duration.ofMillis(periodMs);
        for (Outbox.Destination destination : Outbox.Destination.values()) {
            lanes.put(destination, new Lane(destination));
        }
    }

    /**
     * Waits for rows to be committed (at most the relay period), then relays every destination until it has nothing
     * left or refuses; returns how many rows were sent.
     */
    public synchronized int relay() {
        try {
            outbox.awaitCommitted(period);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int total = 0;
        for (Lane lane : lanes.values()) {
            total += lane.relay();
        }
        return total;
    }

    /** A process exception's retry: puts its parked row back, to be sent with the next pass. */
    public void requeue(long id, String processException) {
        if (!transaction.execute(tx -> outbox.requeue(id, processException))) {
            throw new IllegalStateException("outbox message " + id + " is not waiting for a retry");
        }
    }

    /** One destination's state: when it may be tried again. */
    private final class Lane {
        private final Outbox.Destination destination;
        private Duration backoff = Duration.ZERO;
        private Instant nextTry = Instant.MIN;

        Lane(Outbox.Destination destination) {
            this.destination = destination;
        }

        int relay() {
            if (Instant.now().isBefore(nextTry)) {
                return 0;
            }
            int total = 0;
            int sent;
            try {
                if (!outbox.hasPending(destination)) {
                    return 0;
                }
                do {
                    sent = transaction.execute(tx -> relayBatch());
                    total += sent;
                } while (sent == destination.batch());
            } catch (RuntimeException refused) {
                if (destination.attempts() == 0 && Failures.isPermanent(refused)) {
                    try {
                        total += transaction.execute(tx -> parkRefused());
                        backoff = Duration.ZERO;
                        nextTry = Instant.MIN;
                        return total;
                    } catch (RuntimeException stillRefused) {
                        refused = stillRefused;
                    }
                }
                backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
                nextTry = Instant.now().plus(backoff);
                LOG.warn(
                        "{} not sent, next try in {} ms: {}", destination.id(), backoff.toMillis(), refused.toString());
                if (destination.attempts() > 0) {
                    countAttempt(refused);
                }
                return total;
            }
            backoff = Duration.ZERO;
            return total;
        }

        private int relayBatch() {
            outbox.lockRelay(destination);
            List<Outbox.Message> pending = outbox.pending(destination, destination.batch());
            if (!pending.isEmpty()) {
                producer.sendBody(
                        Endpoints.outbound(destination.id()),
                        pending.stream().map(this::message).toList());
                published(pending);
            }
            return pending.size();
        }

        /** Sends the waiting rows one at a time up to one refused for good, which is parked as a process exception. */
        private int parkRefused() {
            outbox.lockRelay(destination);
            int sent = 0;
            for (Outbox.Message row : outbox.pending(destination, destination.batch())) {
                try {
                    producer.sendBody(Endpoints.outbound(destination.id()), List.of(message(row)));
                } catch (CamelExecutionException failed) {
                    if (!Failures.isPermanent(failed)) {
                        throw failed;
                    }
                    // the connector's own failure, which names the system's answer, not Camel's wrappers of it
                    Throwable refused = failed;
                    while ((refused instanceof CamelExecutionException || refused instanceof CamelExchangeException)
                            && refused.getCause() != null) {
                        refused = refused.getCause();
                    }
                    outbox.park(row.id(), recordParked(row, refused, row.attempts() + 1, "refused for good"));
                    LOG.warn(
                            "{}: outbox message {} refused for good, parked: {}",
                            destination.id(),
                            row.id(),
                            refused.toString());
                    break;
                }
                published(List.of(row));
                sent++;
            }
            return sent;
        }

        private void published(List<Outbox.Message> rows) {
            outbox.markPublished(rows);
            rows.stream()
                    .filter(m -> m.processException() != null)
                    .forEach(m -> exceptions.resolvedByRetry(
                            m.processException(), "outbox message " + m.id() + " sent on retry"));
        }

        private Message message(Outbox.Message row) {
            Message message = new DefaultMessage(camel);
            // the same id on every send of the row: a connector's idempotency key
            message.setMessageId(row.messageId());
            message.setBody(row.payload());
            message.getHeaders().putAll(row.headers());
            if (destination == Outbox.Destination.ORDER_EVENTS) {
                message.setHeader(KafkaConstants.KEY, row.subject());
            }
            return message;
        }

        /** Counts the refusal against the first waiting row (batches of one); parks it once it used its attempts. */
        private void countAttempt(RuntimeException refused) {
            try {
                transaction.executeWithoutResult(tx -> {
                    outbox.lockRelay(destination);
                    outbox.pending(destination, 1).stream().findFirst().ifPresent(row -> {
                        int attempts = outbox.countAttempt(row.id());
                        if (attempts >= destination.attempts()) {
                            outbox.park(
                                    row.id(), recordParked(row, refused, attempts, "refused " + attempts + " times"));
                            backoff = Duration.ZERO;
                            nextTry = Instant.MIN;
                        }
                    });
                });
            } catch (RuntimeException notCounted) {
                LOG.warn("{}: refused attempt not counted: {}", destination.id(), notCounted.toString());
            }
        }

        /** The parked row's process exception, listed under the row's order when it is an order's; its number. */
        private String recordParked(Outbox.Message row, Throwable cause, int attempts, String refusal) {
            FailedMessage failed = new FailedMessage(
                    cause,
                    new ProcessException.Source(
                            "outbox-relay",
                            "outbox",
                            "outbox message " + row.id() + " to " + destination.id(),
                            Endpoints.OUTBOX_RETRY),
                    new ProcessException.Original(
                            String.valueOf(row.id()), Map.of(Headers.OUTBOX_ID, String.valueOf(row.id()))),
                    row.type() + " for " + row.subject() + " to " + destination.id() + " " + refusal
                            + "; a retry sends it again",
                    row.headers().getOrDefault(Exchange.FILE_NAME, row.messageId()),
                    attempts,
                    null,
                    row.processException());
            return exceptions.recordMessage(failed, row.headers().get(Headers.ORDER_ID));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
