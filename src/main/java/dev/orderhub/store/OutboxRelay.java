package dev.orderhub.store;

import dev.orderhub.event.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events in id order (so per order in order), a batch at a time, then marks them: under the
 * relay's row lock, so that one instance publishes at a time. A crash between publish and mark publishes the batch
 * again: consumers see at-least-once delivery, keyed by event id. While a broker or the database refuses, the relay
 * waits longer between tries (up to {@link #MAX_BACKOFF}) and says so once per try; the events wait in the outbox.
 */
@Component
public class OutboxRelay {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final Outbox outbox;
    private final EventPublisher publisher;
    private final TransactionTemplate transaction;
    private final Duration period;
    private Duration backoff = Duration.ZERO;
    private Instant nextTry = Instant.MIN;

    OutboxRelay(Outbox outbox, EventPublisher publisher, TransactionTemplate transaction,
            @Value("${orderhub.events.relay-period-ms}") long periodMs) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.transaction = transaction;
        this.period = Duration.ofMillis(periodMs);
    }

    /**
     * Waits for events to be committed (at most the relay period), then relays until the outbox is empty; returns
     * how many events were published.
     */
    public synchronized int relay() {
        try {
            outbox.awaitCommitted(period);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (Instant.now().isBefore(nextTry)) {
            return 0;
        }
        int total = 0;
        int published;
        try {
            if (!outbox.hasPending()) {
                return 0;
            }
            do {
                published = transaction.execute(tx -> relayBatch());
                total += published;
            } while (published == BATCH);
        } catch (RuntimeException refused) {
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
            nextTry = Instant.now().plus(backoff);
            LOG.warn("order events not published, next try in {} ms: {}", backoff.toMillis(), refused.toString());
            return total;
        }
        backoff = Duration.ZERO;
        return total;
    }

    private int relayBatch() {
        outbox.lockRelay();
        List<EventPublisher.Outgoing> pending = outbox.pending(BATCH);
        if (!pending.isEmpty()) {
            publisher.publish(pending);
            outbox.markPublished(pending);
        }
        return pending.size();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
